import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('plain-text title and roles named on a key line', () => {
  it('titles the SOP by its only top heading and reads "Responsible:" / "Roles:" lines', async () => {
    const text = [
      'FREEZER ALARM RESPONSE',
      'Facilities procedure FP-4',
      '',
      'Responsible: the facilities technician who hears the alarm; the Lab Manager must be told.',
      'Roles: Security Guard, Duty Engineer.',
      '',
      '1) Read the temperature on the display.',
      '2) Move the samples to the backup freezer.',
      '3) Log the alarm in the facilities log.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(text), 'freezer-alarm.txt');
    const sop = r.sops[0];
    assert.equal(sop.title, 'Freezer Alarm Response');
    for (const role of ['facilities technician', 'Lab Manager', 'Security Guard', 'Duty Engineer']) assert.ok(sop.roles.includes(role), `${role} in ${sop.roles.join(', ')}`);
  });

  it('titles an HTML page by its h1 rather than the site name in <title>', async () => {
    const html = '<html><head><title>Intranet</title></head><body><h1>Key Cabinet Audit</h1><ol><li>Open the cabinet.</li><li>Count the keys.</li></ol></body></html>';
    const r = await importDocument(new TextEncoder().encode(html), 'keys.html');
    assert.equal(r.sops[0].title, 'Key Cabinet Audit');
  });
});
