import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import type { ImportedSop } from '../index.js';
import { findBranches } from './decisions.js';
import { readProseConditional } from './prose-conditionals.js';
import { skipThisWhen } from './step-references.js';

const branches = (sop: ImportedSop, n: number) => sop.steps[n - 1].decisions.map((d) => `${d.when} → ${d.goto}`);
const read = (text: string, titles: string[] = []) => readProseConditional(text, [], titles);

describe('branching prose of handbooks and runbooks', () => {
  it('reads the ways a handbook says the reader is done as an end', () => {
    for (const s of [
      'If the invoice was already paid, you don\'t need to do anything else.',
      'If the room is booked, you can stop here.',
      'If the badge still works, there is no need to continue.',
      'If the visitor is staff, skip the rest of this procedure.',
      'If nothing was spilled, you are all set.',
    ]) assert.equal((read(s) as { target?: unknown })?.target, 'end', s);
  });

  it('reads a positive "when" only when it leaves the path', () => {
    assert.deepEqual(read('When the alarm is a drill, stop here.'), { kind: 'branch', when: 'the alarm is a drill', target: 'end' });
    assert.deepEqual(read('When the kettle is empty, go to "Fill the kettle".', ['Fill the kettle', 'Pour the tea']), { kind: 'branch', when: 'the kettle is empty', target: { kind: 'title', title: 'Fill the kettle' } });
    assert.equal(read('When the kettle boils, pour the water.'), undefined);
  });

  it('reads "for X, go to …; for Y, go to …", "in the event of" and yes/no answers anywhere in a step', async () => {
    const sop = await onlySop([
      '# Shipping a parcel', '', '## Steps', '',
      '1. Weigh the parcel. For parcels under 2 kg, go to step 3; for heavier parcels, go to step 4.',
      '2. Print the label.',
      '3. Use the letter slot.',
      '4. Is the address abroad? Yes: you\'re done. No: go to step 2.',
      '5. Seal the box. In the event of a damaged box, go back to step 1.',
      '6. Hand the parcel to the courier.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['parcels under 2 kg → 3', 'heavier parcels → 4']);
    assert.deepEqual(branches(sop, 4), ['Is the address abroad → end', 'No → 2']);
    assert.deepEqual(branches(sop, 5), ['a damaged box → 1']);
  });

  it('reads yes/no answer items under a question as its cases', async () => {
    const sop = await onlySop([
      '# Lending a projector', '', '## Steps', '',
      '1. Check whether the borrower is on the staff list.',
      '   - Yes: go to step 3.',
      '   - No – you\'re done.',
      '2. Ask for a deposit.',
      '3. Hand over the projector.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['the borrower is on the staff list → 3', 'otherwise → end']);
  });

  it('follows a link to another step when the link is the whole instruction', async () => {
    const sop = await onlySop([
      '# Joining the lab', '', '## Get a card', '', 'Collect a card at the desk. If you lost your old card, [report the loss](#report-the-loss) first.', '',
      '## Book a desk', '', 'Book a desk in the planner.', '',
      '## Report the loss', '', 'Fill in the loss form.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['you lost your old card → 3']);
  });

  it('branches from the step before to each case heading, and past the other cases after one', async () => {
    const sop = await onlySop([
      '# Handling a jammed printer', '',
      '## Open the printer', '', 'Open the front cover and look inside.', '',
      '## If paper is stuck', '', 'Pull the sheet out gently.', '',
      '## If the toner leaked', '', 'Wipe the drum with a dry cloth.', '',
      '## Close the printer', '', 'Close the cover and print a test page.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['paper is stuck → 2', 'the toner leaked → 3']);
    assert.deepEqual(branches(sop, 2), ['always → 4']);
  });

  it('reads numbered items that are only conditions ("If X:" over sub-steps) as cases, the jump past them from the last sub-step', async () => {
    const sop = await onlySop([
      '# Restarting the kiln', '', '## Steps', '',
      '1. Read the kiln display.',
      '2. If the display shows E1:',
      '   1. Switch the kiln off.',
      '   2. Wait for the fan to stop.',
      '3. If the display shows E2:',
      '   1. Call the kiln technician.',
      '   2. Log the call.',
      '4. Record the reading.', '',
    ].join('\n'));
    const at = (title: string) => sop.steps.findIndex((s) => s.title.startsWith(title)) + 1;
    assert.deepEqual(branches(sop, 1), [`the display shows E1 → ${at('If the display shows E1')}`, `the display shows E2 → ${at('If the display shows E2')}`]);
    assert.deepEqual(branches(sop, at('Wait for the fan')), [`always → ${at('Record the reading')}`]);
  });

  it('skips a single case heading when its condition does not hold, but not a case among conditional items', async () => {
    const single = await onlySop([
      '# Closing the shop', '',
      '## Count the till', '', 'Count the cash in the till.', '',
      '## If the count is short', '', 'Write the difference in the book.', '',
      '## Lock up', '', 'Lock the door and set the alarm.', '',
    ].join('\n'));
    assert.deepEqual(branches(single, 1), ['not (the count is short) → 3']);
    const mixed = await onlySop([
      '# Clearing a stuck queue', '', '## Steps', '',
      '1. List the stuck jobs.',
      '2. If a job holds a lock, release the lock with the admin tool.',
      '3. If a worker is down:',
      '   1. Restart the worker.',
      '   2. Watch its log.',
      '4. If the queue is still stuck, page the queue owner.', '',
    ].join('\n'));
    assert.deepEqual(branches(mixed, 2), []);
  });

  it('reads "skip this step if …" and "optional if …" as a skip from the step before', async () => {
    assert.equal(skipThisWhen('If you already have a locker, you can skip this step.'), 'you already have a locker');
    assert.equal(skipThisWhen('Skip this section unless the van is electric.'), 'not (the van is electric)');
    assert.equal(skipThisWhen('This step is only needed if the guest stays overnight.'), 'not (the guest stays overnight)');
    assert.equal(skipThisWhen('Skip the queue at the front desk.'), undefined);
    const sop = await onlySop([
      '# Opening the pool', '',
      '## Unlock the gate', '', 'Unlock the gate with the brass key.', '',
      '## Test the water', '', 'Dip a strip in the water. Skip this step if the water was tested after 6 am.', '',
      '## Open the doors', '', 'Open the doors to swimmers.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 1), ['the water was tested after 6 am → 3']);
  });

  it('reads a table of "If you see" / "Then" and of Symptom / Solution columns as cases', async () => {
    const sop = await onlySop([
      '# Starting the boiler', '', '## Steps', '',
      '1. Switch on the boiler.',
      '2. Read the panel light.', '',
      '   | If you see | Then |', '   |---|---|', '   | a blue light | stop |', '   | a red light | go to step 1 |', '',
      '3. Set the thermostat.', '',
    ].join('\n'));
    assert.deepEqual(branches(sop, 2), ['a blue light → end', 'a red light → 1']);
  });

  it('does not read a pause to investigate as an end, nor a "should" inside a sentence as a condition', () => {
    assert.deepEqual(read('If the tests fail, stop now and find the cause.'), { kind: 'action', when: 'the tests fail', action: 'Stop now and find the cause' });
    assert.deepEqual(findBranches([{ text: 'The memo should be short and then go to step 4.', links: [] }], []), [{ when: 'always', target: { kind: 'label', label: '4' } }]);
    assert.deepEqual(findBranches([{ text: 'Should the memo be long, go to step 4.', links: [] }], []), [{ when: 'the memo be long', target: { kind: 'label', label: '4' } }]);
  });
});
