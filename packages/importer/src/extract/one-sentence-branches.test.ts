import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, type ImportedSop } from '../index.js';

const sopOf = async (markdown: string): Promise<ImportedSop> => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
  return r.sops[0];
};

describe('a list item that is only a conditional jump', () => {
  it('branches from its own sentence and carries no timer from an age comparison', async () => {
    const sop = await sopOf([
      '# Library book returns', '', '## Steps',
      '1. The desk assistant scans the book and reads the due date.',
      '2. If the loan is more than 14 days overdue, go to step 4.',
      '3. The desk assistant shelves the book within 1 working day.',
      '4. The desk assistant charges the late fee.',
      '5. If the reader refuses to pay, skip to 7.',
      '6. The desk assistant prints the receipt.',
      '7. The desk assistant closes the loan record.',
    ].join('\n'));
    assert.equal(sop.steps.length, 7);
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'the loan is more than 14 days overdue', goto: 4 }]);
    assert.deepEqual(sop.steps[1].timers, []);
    assert.deepEqual(sop.steps[4].decisions, [{ when: 'the reader refuses to pay', goto: 7 }]);
    assert.deepEqual(sop.steps[2].timers.map((t) => [t.amount, t.unit, t.business]), [[1, 'day', true]]);
  });

  it('reads a jump back and an end in a sub-bullet', async () => {
    const sop = await sopOf([
      '# Badge printing', '', '## Procedure',
      '1. The security officer photographs the visitor.',
      '2. The security officer checks the photo.',
      '   - If not sharp, return to step 1.',
      '   - If the visitor declines a photo, end the procedure.',
      '3. The security officer prints the badge.',
    ].join('\n'));
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'not sharp', goto: 1, loop: true }, { when: 'the visitor declines a photo', goto: 'end' }]);
  });
});
