import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

const importText = async (lines: string[]) => importDocument(new TextEncoder().encode(lines.join('\n')), 'guide.md');

describe('a heading that labels a role ("Role: Shift Supervisor (SS)")', () => {
  it('gives its role to the instructions of the guide it heads', async () => {
    const r = await importText([
      '## Role: Shift Supervisor (SS)', '',
      '### Description', '', 'The Shift Supervisor runs the floor during a power cut and decides when to send staff home.', '',
      '### Duties', '', 'When the lights go out, the supervisor keeps these habits:', '',
      '* Switch the tills to battery mode.', '* Count the staff on the floor.', '* Call the building manager.', '* Close the front doors.',
    ]);
    const steps = r.sops.flatMap((s) => s.steps);
    assert.ok(steps.length >= 4, JSON.stringify(steps.map((s) => s.title)));
    assert.deepEqual([...new Set(steps.map((s) => s.role))], ['Shift Supervisor'], JSON.stringify(steps.map((s) => [s.title, s.role])));
  });

  it('gives each role section of a plan its own role', async () => {
    const r = await importText([
      '# Outage plan', '',
      '## Roles', '',
      '### Role: Scribe', '', '#### Duties', '', '1. Open the outage log.', '2. Note each decision with its time.', '3. Post the log in the channel when the outage ends.', '',
      '### Position: Radio Operator', '', '#### Duties', '', '1. Fetch the spare radios.', '2. Carry messages between the floors.', '3. Return the radios to the cabinet.',
    ]);
    const roles = r.sops.map((s) => [...new Set(s.steps.map((x) => x.role))]);
    assert.deepEqual(roles, [['Scribe'], ['Radio Operator']], JSON.stringify(r.sops.map((s) => [s.title, s.steps.map((x) => x.role)])));
  });
});
