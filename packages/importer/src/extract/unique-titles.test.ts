import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importDocument } from '../index.js';
import { uniqueTitles } from './unique-titles.js';

const TWO_SAME = `# Generator checks

## Weekly test run
### Procedure
1. Start the generator from the control panel.
2. Record the oil pressure in the log book.

## Weekly test run
### Procedure
1. Switch the transfer panel to generator power.
2. Switch the transfer panel back to mains power.
`;

describe('unique procedure titles', () => {
  it('numbers the second and later copies of a title and leaves distinct titles alone', () => {
    assert.deepEqual(uniqueTitles(['Drill', 'Audit', 'drill', 'Drill']), ['Drill', 'Audit', 'drill (2)', 'Drill (3)']);
  });

  it('gives two procedures of one document with the same heading different titles', async () => {
    const result = await importDocument(new TextEncoder().encode(TWO_SAME), 'generator.md');
    const titles = result.sops.map((s) => s.title);
    assert.equal(titles.length, 2, JSON.stringify(titles));
    assert.equal(new Set(titles).size, 2, `titles must differ: ${JSON.stringify(titles)}`);
  });
});
