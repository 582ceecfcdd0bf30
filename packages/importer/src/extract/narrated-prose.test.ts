import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importMd = (md: string) => importDocument(new TextEncoder().encode(md), 'prose.md');

describe('a procedure narrated in a paragraph', () => {
  it('reads "First, … Then, … Finally, …" sentences as steps outside a procedure section', async () => {
    const r = await importMd([
      '# Closing the café', '',
      'At the end of the day the shift lead closes the café as follows.', '',
      'First, the shift lead switches off the espresso machine. Then, the barista wipes the counters',
      'and empties the bins. If the fridge alarm is on, the barista calls the facilities desk and the',
      'case is closed. Next, the shift lead counts the till. Finally, the shift lead locks the door.', '',
      'The owner reviews the closing log every week.',
    ].join('\n'));
    assert.equal(r.sops.length, 1);
    const steps = r.sops[0].steps;
    assert.equal(steps.length, 4);
    assert.match(steps[1].title, /wipes the counters/);
    assert.deepEqual(steps[1].decisions, [{ when: 'the fridge alarm is on', goto: 'end' }]);
    assert.deepEqual(steps[3].timers, [], 'a later paragraph is not part of the last step');
  });

  it('does not read ordinary description with one "then" as a procedure', async () => {
    const r = await importMd(['# About the café', '', 'The café opened in 2019. Then it moved to the station. The owner runs it with two baristas.'].join('\n'));
    assert.equal(r.sops.length, 0);
  });

  it('keeps an introduction beside a checklist out of the steps', async () => {
    const r = await importMd([
      '# Procedure: fridge defrost', '',
      'Use this list every quarter. The kitchen porter works through it; the chef signs it off.', '',
      '- [ ] Empty the fridge', '- [ ] Switch off the power', '- [ ] Wipe the shelves',
    ].join('\n'));
    assert.equal(r.sops.length, 1);
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), ['Empty the fridge', 'Switch off the power', 'Wipe the shelves']);
  });
});
