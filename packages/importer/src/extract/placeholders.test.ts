import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { isPlaceholder, isPlaceholderTitle } from './placeholders.js';

describe('placeholders', () => {
  it('recognises template text', () => {
    for (const t of ['TBD', 'To be defined.', '[describe the check]', '<enter the owner>', 'Describe the step here', 'Insert the procedure description', 'Lorem ipsum dolor sit amet.']) assert.ok(isPlaceholder(t), t);
  });

  it('does not take instructions that start with insert / add / enter for placeholders', () => {
    for (const t of ['Insert the new cartridge and close the cover', 'Add the buffer to the tube', 'Enter the results in the LIMS']) {
      assert.equal(isPlaceholderTitle(t), false, t);
      assert.equal(isPlaceholder(t), false, t);
    }
  });
});
