import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importMd = (markdown: string) => importDocument(new TextEncoder().encode(markdown), 'test.md');

describe('a branch that starts the procedure again from a step', () => {
  it('reads "start again from step N", "begin over at step N" and "redo step N" as jumps to that step', async () => {
    const r = await importMd([
      '# Re-glazing a window', '', '1. Remove the old putty.', '2. Fit the new pane.',
      '3. Check the seal with a smoke pencil. If it leaks, start again from step 1.',
      '4. Paint the putty once it has skinned. If the paint runs, begin over at step 4.',
      '5. Inspect the frame. Should it still rattle, redo step 2.', '6. Clean the glass.',
    ].join('\n'));
    const flow = r.sops[0].steps.map((s) => s.decisions.map((d) => `${d.when} → ${d.goto}`));
    assert.deepEqual(flow.slice(2, 5), [['it leaks → 1'], ['the paint runs → 4'], ['it still rattle → 2']]);
  });
});

describe('a moment told in a how-to sequence', () => {
  it('makes "When the jobs finish, review …" a step of the sequence, while "If …, do …" stays inside the step before', async () => {
    const r = await importMd([
      '# Printing a poster', '',
      'First, export the poster as a PDF. Then upload it to the print portal.', '',
      'When the proof is ready, check the colours against the screen. If the colours are off, note it in the order.', '',
      'Finally, collect the poster from the print room.',
    ].join('\n'));
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'Export the poster as a PDF', 'Upload it to the print portal', 'Check the colours against the screen', 'Collect the poster from the print room',
    ]);
  });
});
