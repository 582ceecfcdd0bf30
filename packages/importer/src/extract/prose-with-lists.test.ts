import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const stepsOf = async (markdown: string) => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  return r.sops.map((s) => s.steps.map((x) => `${x.title}${x.parent ? ' ^' : ''}`));
};

describe('lists inside a procedure written as paragraphs under several headings', () => {
  it('reads a numbered list under its own heading as steps in place, between the prose steps', async () => {
    const steps = await stepsOf([
      '# Handling a lost laptop', '', '## Report it', '', 'Call the service desk as soon as you notice. Tell them where you last had it.', '',
      '## Lock it', '', '1. Sign in to the device portal.', '2. Choose the laptop.', '3. Press Lock and wipe.', '',
      '## Replace it', '', 'Order a replacement from the hardware catalogue. Collect it from the front desk.', '',
      'Restore your files from the backup.',
    ].join('\n'));
    assert.deepEqual(steps, [[
      'Report it', 'Tell them where you last had it', 'Sign in to the device portal', 'Choose the laptop',
      'Press Lock and wipe', 'Replace it', 'Collect it from the front desk', 'Restore your files from the backup',
    ]]);
  });

  it('makes a list of instructions after an instruction of its section sub-steps of it, and leaves lists of things as its body', async () => {
    const steps = await stepsOf([
      '# Closing the darkroom', '', '## Chemicals', '', 'Empty the trays. Rinse them under the cold tap.', '',
      '## Equipment', '', 'Shut down the enlarger.', '', '- Cover the lens.', '- Switch off the timer.', '',
      'Store the paper in the light-tight box.', '', 'The box holds:', '', '- fibre paper', '- resin-coated paper', '',
      '## Leaving', '', 'Turn off the safelight. Lock the door.',
    ].join('\n'));
    assert.deepEqual(steps, [[
      'Empty the trays', 'Rinse them under the cold tap', 'Shut down the enlarger', 'Cover the lens ^', 'Switch off the timer ^',
      'Store the paper in the light-tight box', 'Turn off the safelight', 'Lock the door',
    ]]);
  });
});

describe('a role acting in a procedure written as paragraphs under several headings', () => {
  it('makes "the X writes …" a step done by X, but not "the X becomes the Y"', async () => {
    const r = await importDocument(new TextEncoder().encode([
      '# Handling a complaint', '', '## Receiving it', '', 'Log the complaint in the tracker. Send the customer a receipt.', '',
      'The duty officer becomes the case owner until a manager takes over.', '',
      '## Investigating', '', 'Collect the order history. Interview the staff involved.', '',
      '## Closing', '', 'Within ten days, the case owner writes a reply and sends it to the customer.',
    ].join('\n')), 'test.md');
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), [
      'Log the complaint in the tracker', 'Send the customer a receipt', 'Collect the order history', 'Interview the staff involved',
      'The case owner writes a reply and sends it to the customer',
    ]);
    assert.equal(steps[4].role, 'case owner');
  });
});
