import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import type { ImportedSop } from '../index.js';

const branches = (sop: ImportedSop) => sop.steps.map((s) => s.decisions.map((d) => `${d.when} → ${d.goto}`).join('; ') || '-');

describe('branches written in a paragraph beside a step list', () => {
  it('gives a branch right after the list to its last step, and one right before it to its first', async () => {
    const sop = await onlySop([
      '# Refilling the printer', '', '## Steps', '',
      'If the tray is already full, skip to step 3.', '',
      '1. Open the paper tray.',
      '2. Load a ream of paper.',
      '3. Print a test page.', '',
      'If the test page is blank, go back to step 2.', '',
      '## Notes', '', 'Recycle the wrapper.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop), ['the tray is already full → 3', '-', 'the test page is blank → 2']);
    assert.match(sop.steps[2].description, /test page is blank/);
  });

  it('gives a branch whose condition names a step to that step, and leaves a paragraph that branches nowhere', async () => {
    const sop = await onlySop([
      '# Refilling the printer', '', '## Steps', '',
      '1. Open the paper tray.',
      '2. Load a ream of paper.',
      '3. Print a test page.', '',
      'If step 2 jams the tray, return to step 1.', '',
      'Paper is kept in the store room.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop), ['-', 'step 2 jams the tray → 1', '-']);
    assert.doesNotMatch(sop.steps.map((s) => s.description).join('\n'), /store room/);
  });
});
