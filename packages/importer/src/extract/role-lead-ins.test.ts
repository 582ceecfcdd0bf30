import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importMd = (markdown: string) => importDocument(new TextEncoder().encode(markdown), 'test.md');

describe('a list announced by a role', () => {
  it('makes the items after "The site lead will:" steps done by the site lead', async () => {
    const r = await importMd([
      '# Opening the field station', '', 'The station opens on the first Monday of April.', '',
      'The site lead will:', '', '- unlock the gate and the generator shed', '- check the water tanks for leaks', '- record the meter readings', '',
    ].join('\n'));
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), ['Unlock the gate and the generator shed', 'Check the water tanks for leaks', 'Record the meter readings']);
    assert.deepEqual(steps.map((s) => s.role), ['site lead', 'site lead', 'site lead']);
  });

  it('reads such a list inside a procedure of paragraphs under headings, and leaves a list of things a role has alone', async () => {
    const r = await importMd([
      '# Closing the field station', '', '## Before the last week', '', 'The site lead:', '', '- orders the fuel collection', '- books the van', '',
      '## Last day', '', 'Drain the water tanks. Switch off the generator. Lock the shed.', '', 'The site lead keeps:', '', '- the gate keys', '- the logbook', '',
      '## After', '', 'Send the logbook to the office. Return the van.',
    ].join('\n'));
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), [
      'Orders the fuel collection', 'Books the van', 'Drain the water tanks', 'Switch off the generator', 'Lock the shed', 'Send the logbook to the office', 'Return the van',
    ]);
    assert.equal(steps[1].role, 'site lead');
  });
});
