import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, type ImportedSop } from '../index.js';

const sopsOf = async (markdown: string, name = 'test.md'): Promise<ImportedSop[]> => {
  const r = await importDocument(new TextEncoder().encode(markdown), name);
  return r.sops;
};

describe('flows written as numbered questions or question headings', () => {
  it('reads numbered questions whose quoted answers jump to other numbers as one procedure, each answer label a condition', async () => {
    const sops = await sopsOf([
      '# Returning a rental bike', '',
      '1) Is the bike damaged or just dirty?', '',
      '> Damaged: jump to step 3', '',
      '> Dirty: Hose it down at the wash bay. Then proceed to step 2.', '',
      '2) Is the lock key still on the ring?', '',
      '> Yes: you are done with the checks.', '',
      '> No: Ask the rider where they left it. Go to step 4.', '',
      '3) I found damage, now what?', '',
      'Was the frame bent? Sigh. Proceed to step 5.', '',
      '4) The key is lost.', '',
      '5) The frame is bent.',
    ].join('\n'));
    assert.equal(sops.length, 1);
    const [sop] = sops;
    assert.equal(sop.steps.length, 5);
    assert.deepEqual(sop.steps[0].decisions, [{ when: 'Damaged', goto: 3 }, { when: 'Dirty', goto: 2 }]);
    assert.deepEqual(sop.steps[0].conditionalActions, [{ when: 'Dirty', action: 'Hose it down at the wash bay' }]);
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'No', goto: 4 }]);
    assert.deepEqual(sop.steps[2].decisions, [{ when: 'Was the frame bent', goto: 5 }]);
  });

  it('does not read labelled notes as answers when none of them jumps', async () => {
    const [sop] = await sopsOf([
      '# Coffee machine', '', '## Procedure', '',
      '1. Fill the tank.', '', '   Note: use filtered water.', '', '   Tip: the tank holds two litres.', '',
      '2. Press the brew button.',
    ].join('\n'));
    assert.equal(sop.steps[0].conditionalActions, undefined);
    assert.deepEqual(sop.steps[0].decisions, []);
  });

  it('reads question headings whose answers send the reader to other headings as a procedure with decisions', async () => {
    const sops = await sopsOf([
      '# Printer jam triage', '',
      '## Is paper stuck in the tray?', '', 'If yes, go to "Clear the tray". If not, continue with the next step.', '',
      '## Is the toner light blinking?', '', 'If it blinks, go to "Replace the toner". Otherwise stop here.', '',
      '## Clear the tray', '', 'Pull the tray out and remove the sheet.', '',
      '## Replace the toner', '', 'Swap the cartridge for a new one.',
    ].join('\n'));
    assert.equal(sops.length, 1);
    const [sop] = sops;
    assert.deepEqual(sop.steps.map((s) => s.title), ['Is paper stuck in the tray?', 'Is the toner light blinking?', 'Clear the tray', 'Replace the toner']);
    assert.deepEqual(sop.steps[0].decisions.map((d) => d.goto), [3, 2]);
    assert.deepEqual(sop.steps[1].decisions.map((d) => d.goto), [4, 'end']);
  });
});
