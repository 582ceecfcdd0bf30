import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import type { ImportedSop } from '../index.js';
import { normalizeStepNumbers, questionBefore, repeatUntil, skipCondition } from './step-references.js';

const branches = (sop: ImportedSop, n: number) => sop.steps[n - 1].decisions.map((d) => `${d.when} → ${d.goto}${d.loop ? ' (loop)' : ''}`);

describe('decisions in the words handbooks and runbooks use', () => {
  it('reads what "If so" and "If not" answer from the sentence before', () => {
    assert.equal(questionBefore('Check whether the cooler is still below 8 °C.'), 'the cooler is still below 8 °C');
    assert.equal(questionBefore('Is the printer on the asset list?'), 'Is the printer on the asset list');
    assert.equal(questionBefore('Unplug the printer.'), undefined);
  });

  it('names steps by "#5", "no. 5" and in words', () => {
    assert.equal(normalizeStepNumbers('jump to step #5, then step no. 7, or step twelve'), 'jump to step 5, then step 7, or step 12');
  });

  it('reads repeat-until loops and steps done only under a condition', () => {
    assert.equal(repeatUntil('Stir the mixture. Repeat until no lumps remain.'), 'no lumps remain');
    assert.equal(repeatUntil('Repeat steps 2 to 4.'), undefined);
    assert.equal(skipCondition('Only if the sample is frozen, thaw it on ice.'), 'not (the sample is frozen)');
    assert.equal(skipCondition('(optional) Label the tubes with the date.'), 'not needed');
    assert.equal(skipCondition('Label the tubes with the date.'), undefined);
  });

  it('turns them into branches of a numbered procedure', async () => {
    const sop = await onlySop([
      '# Returning a rental van', '',
      '## Procedure', '',
      '1. Check whether the fuel tank is full. If so, go to step 3.',
      '2. Ask the driver if a receipt exists. If not, skip to step #5.',
      '3. Only if the van has a tow bar, photograph the tow bar.',
      '4. Walk around the van and note each scratch. Repeat until both sides are done.',
      '5. Is the van clean inside? Yes → step 7. No → step six.',
      '6. (optional) Vacuum the cab.',
      '7. Hand the keys to the desk clerk. If the clerk is away, see step 5.',
      '8. Sign the return sheet.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['the fuel tank is full → 3']);
    assert.deepEqual(branches(sop, 2), ['not (a receipt exists) → 5', 'not (the van has a tow bar) → 4']);
    assert.deepEqual(branches(sop, 4), ['not (both sides are done) → 4 (loop)']);
    assert.deepEqual(branches(sop, 5), ['Yes → 7', 'No → 6']);
    assert.deepEqual(branches(sop, 7), ['the clerk is away → 5 (loop)']);
  });

  it('skips an optional step from the step before it, but leaves an optional check of a checklist alone', async () => {
    const numbered = await onlySop(['# Closing the lab', '', '1. Switch off the centrifuge.', '2. (optional) Defrost the freezer.', '3. Lock the door.', ''].join('\n'));
    assert.deepEqual(branches(numbered, 1), ['not needed → 3']);
    const checklist = await onlySop(['# Closing the lab', '', '- [ ] Switch off the centrifuge.', '- [ ] Optional: defrost the freezer.', '- [ ] Lock the door.', ''].join('\n'));
    assert.deepEqual(checklist.steps.flatMap((s) => s.decisions), []);
  });

  it('reads a branch to a step named by its title in a procedure of headings', async () => {
    const sop = await onlySop([
      '# Approving a purchase', '', '## Steps', '',
      '### Receive the request', '', 'Read the request and its quote.', '',
      '### Check the budget', '', 'If the budget code is missing, return to "Receive the request".', '',
      '### Place the order', '', 'Send the order to the supplier.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 2), ['the budget code is missing → 1 (loop)']);
  });
});
