import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { findBranches } from './decisions.js';

const branches = (text: string, titles: string[] = [], context?: string) =>
  findBranches([{ text, links: [], context }], titles).map((b) => [b.when, b.target === 'end' ? 'end' : b.target.kind === 'label' ? b.target.label : b.target.kind === 'title' ? b.target.title : 'next']);

describe('findBranches', () => {
  it('reads jumps to numbered steps with their condition', () => {
    assert.deepEqual(branches('If it is listed, they can continue with step 2.3.'), [['it is listed', '2.3']]);
    assert.deepEqual(branches('Move back to step 5.'), [['always', '5']]);
    assert.deepEqual(branches('If rejected → step 4'), [['rejected', '4']]);
    assert.deepEqual(branches('After 11 working days, if no response was given, move to step 10.', [], 'If any step fails, reject:'), [['any step fails; no response was given', '10']]);
  });

  it('reads two branches in one sentence', () => {
    assert.deepEqual(branches('If the seal is intact, go to step 5; otherwise, go to step 7.'), [['the seal is intact', '5'], ['otherwise', '7']]);
    assert.deepEqual(branches('If yes, continue with step 3, otherwise return to step 1.'), [['yes', '3'], ['otherwise', '1']]);
  });

  it('reads the next step and terminal outcomes', () => {
    assert.deepEqual(branches('If successful, the process continues with the next step.'), [['successful', 'next']]);
    assert.deepEqual(branches('This concludes the process resulting in rejection.'), [['always', 'end']]);
    assert.deepEqual(branches('Thereafter, the QMO closes the CAPA.'), [['always', 'end']]);
  });

  it('resolves "If …, <what another step does>" by that step\'s title', () => {
    assert.deepEqual(branches('If it is critical, the QMO first conducts an initial supplier evaluation.', ['Initial Supplier Evaluation', 'Budget Approval']), [['it is critical', 'Initial Supplier Evaluation']]);
  });

  it('ignores references that are not jumps', () => {
    assert.deepEqual(branches('Criteria are described in section 1.3 and see step 2.5 of this process.'), []);
    assert.deepEqual(branches('The supplier is reviewed against the criteria outlined in step 1.3.'), []);
  });
});

describe('findBranches on phrasings it was not written from', () => {
  it('reads jumps with or without "step", forward and back', () => {
    assert.deepEqual(branches('If the purchase is older than 30 days, continue with step 5.'), [['the purchase is older than 30 days', '5']]);
    assert.deepEqual(branches('If the meter reads zero, skip to 6.'), [['the meter reads zero', '6']]);
    assert.deepEqual(branches('Go to 4.', [], 'If the pallet is damaged:'), [['the pallet is damaged', '4']]);
    assert.deepEqual(branches('If the label is unreadable go to step 3'), [['the label is unreadable', '3']]);
    assert.deepEqual(branches('If not signed, return to step 2.'), [['not signed', '2']]);
    assert.deepEqual(branches('If not, return to step 2.'), [['otherwise', '2']]);
    assert.deepEqual(branches('Otherwise, proceed with section 3.2.'), [['otherwise', '3.2']]);
    assert.deepEqual(branches('Yes, damaged: go to step 5'), [['Yes, damaged', '5']]);
    assert.deepEqual(branches('Fail → step 2'), [['Fail', '2']]);
    assert.deepEqual(branches('**Decision:** Is the batch within spec? **Yes** → step 4; **No** → step 6'), [['Yes', '4'], ['No', '6']]);
    assert.deepEqual(branches('Loop back to step 3 until all items are checked.'), [['not (all items are checked)', '3']]);
    assert.deepEqual(branches('In case of a failed test, repeat from step 2.'), [['a failed test', '2']]);
    assert.deepEqual(branches('If so, skip steps 4 and 5 and go directly to step 6.'), [['yes', '6']]);
    assert.deepEqual(branches('Unless the value is within range, repeat steps 2 to 4.'), [['not (the value is within range)', '2']]);
    assert.deepEqual(branches('If the patient deteriorates, follow step 9 immediately.'), [['the patient deteriorates', '9']]);
    assert.deepEqual(branches('Failing that, escalate to the director (see Step 10).'), [['otherwise', '10']]);
    assert.deepEqual(branches('If the invoice matches, proceed to the payment step.', ['Payment', 'Approval']), [['the invoice matches', 'Payment']]);
  });

  it('reads a parenthesised target only under a condition', () => {
    assert.deepEqual(branches('If the budget is exceeded, approve it yourself; else escalate to the finance lead (step 9).'), [['otherwise', '9']]);
    assert.deepEqual(branches('The finance lead signs the form (step 9).'), []);
  });

  it('reads the end of the procedure in other words', () => {
    assert.deepEqual(branches('If the device is beyond repair, end the procedure.'), [['the device is beyond repair', 'end']]);
    assert.deepEqual(branches('In that case the procedure ends.'), [['always', 'end']]);
    assert.deepEqual(branches('If nothing was found, stop here.'), [['nothing was found', 'end']]);
    assert.deepEqual(branches('If the alarm was false, the technician resets it and the ticket is closed.'), [['the alarm was false', 'end']]);
  });

  it('leaves numbers that are not steps alone', () => {
    assert.deepEqual(branches('Return to 20 °C before measuring.'), []);
    assert.deepEqual(branches('Continue to 3 more samples if needed.'), []);
  });
});
