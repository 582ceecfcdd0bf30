import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument, toOsopDraft, type ImportedSop } from '../index.js';
import { readProseConditional } from './prose-conditionals.js';

const sopOf = async (markdown: string): Promise<ImportedSop> => {
  const r = await importDocument(new TextEncoder().encode(markdown), 'test.md');
  assert.equal(r.sops.length, 1, JSON.stringify(r.diagnostics));
  return r.sops[0];
};

const read = (text: string, titles: string[] = []) => readProseConditional(text, [], titles);

describe('decisions written as prose, with no step number', () => {
  it('reads an end from "stop", "escalate and stop", "end the procedure" and an inverted "Should … fail"', () => {
    assert.deepEqual(read('If the kiln is still above 60 °C, stop.'), { kind: 'branch', when: 'the kiln is still above 60 °C', target: 'end' });
    assert.deepEqual(read('Should the seal check fail, escalate to the shift lead and stop.'), { kind: 'branch', when: 'the seal check fail', target: 'end' });
    assert.deepEqual(read('In case the courier never arrived, end the procedure here.'), { kind: 'branch', when: 'the courier never arrived', target: 'end' });
    assert.deepEqual(read('Stop the release if the changelog is missing.'), { kind: 'branch', when: 'the changelog is missing', target: 'end' });
  });

  it('reads "continue" as the next step and a named step by a fuzzy title match', () => {
    assert.deepEqual(read('If the tank reads full, then continue.'), { kind: 'branch', when: 'the tank reads full', target: { kind: 'next' } });
    assert.deepEqual(read('Otherwise, proceed to the next step.'), { kind: 'branch', when: 'otherwise', target: { kind: 'next' } });
    assert.deepEqual(read('If the mirror is stale, go to "Resync the mirror from upstream".', ['Resync the mirror from upstream', 'Publish']), { kind: 'branch', when: 'the mirror is stale', target: { kind: 'title', title: 'Resync the mirror from upstream' } });
    assert.deepEqual(read('Where a spare is on the shelf, skip to swapping the fan.', ['Order a spare fan', 'Swap the fan']), { kind: 'branch', when: 'a spare is on the shelf', target: { kind: 'title', title: 'Swap the fan' } });
  });

  it('keeps a consequent that changes no path as an action, and reads only a negative "when" as a condition', () => {
    assert.deepEqual(read('If the badge is faded, print a new one.'), { kind: 'action', when: 'the badge is faded', action: 'Print a new one' });
    assert.deepEqual(read('Unless the guest has a pass, sign them in.'), { kind: 'action', when: 'not (the guest has a pass)', action: 'Sign them in' });
    assert.deepEqual(read('When the parcel is not labelled, return it to the sender.'), { kind: 'action', when: 'the parcel is not labelled', action: 'Return it to the sender' });
    assert.equal(read('When the parcel arrives, log it in the book.'), undefined);
    assert.equal(read('Check if the parcel is damaged.'), undefined);
  });

  it('turns the sentences of a procedure into decisions and conditional actions, and into the draft', async () => {
    const sop = await sopOf([
      '# Greenhouse watering', '', '## Procedure', '',
      '1. Read the soil moisture gauge.',
      '   - If the gauge shows wet soil, stop.',
      '   - If the gauge is broken, replace the battery.',
      '2. Open the irrigation valve.',
      '   Should the valve stick, go to "Call the maintenance desk".',
      '3. Close the valve after ten minutes.',
      '4. Call the maintenance desk.',
    ].join('\n'));
    assert.deepEqual(sop.steps[0].decisions, [{ when: 'the gauge shows wet soil', goto: 'end' }]);
    assert.deepEqual(sop.steps[0].conditionalActions, [{ when: 'the gauge is broken', action: 'Replace the battery' }]);
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'the valve stick', goto: 4 }]);
    const yaml = toOsopDraft(sop, { fileName: 'g.md', sha256: 'x' });
    assert.match(yaml, /ends when the gauge shows wet soil/);
    assert.match(yaml, /x-conditional-actions:\n\s+- when: the gauge is broken\n\s+action: Replace the battery/);
    assert.match(yaml, /mode: conditional\n\s+when: steps\.step_2\.outputs\.outcome == "the_valve_stick"/);
  });

  it('reads "Depending on the outcome …:" cases and a condition table as branches', async () => {
    const sop = await sopOf([
      '# Parcel intake', '', '## Procedure', '',
      '1. Weigh the parcel.',
      '2. Inspect the packaging.',
      '',
      '   Depending on the outcome of the inspection:',
      '',
      '   - Intact: continue.',
      '   - Torn – photograph it and stop.',
      '3. Shelve the parcel.',
      '4. Update the stock list.',
      '',
      '   | Condition | Then |',
      '   |---|---|',
      '   | Shelf is full | go to "Weigh the parcel" |',
      '   | Item is perishable | put it in the fridge |',
    ].join('\n'));
    assert.deepEqual(sop.steps[1].decisions, [{ when: 'Intact', goto: 3 }, { when: 'Torn', goto: 'end' }]);
    assert.deepEqual(sop.steps[3].decisions, [{ when: 'Shelf is full', goto: 1, loop: true }]);
    assert.deepEqual(sop.steps[3].conditionalActions, [{ when: 'Item is perishable', action: 'Put it in the fridge' }]);
  });
});
