import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('step tables with a notes column', () => {
  it('reads jumps, ends and deadlines written in a Remarks column', async () => {
    const md = [
      '# Parcel intake', '',
      '| Step | Task | Owner | Remarks |',
      '|---|---|---|---|',
      '| 1 | Scan the parcel barcode | Mailroom clerk | If the barcode is missing, go to step 3 |',
      '| 2 | Deliver the parcel to the addressee | Mailroom clerk | Within 4 hours of arrival |',
      '| 3 | Return the parcel to the carrier | Mailroom clerk | The procedure ends here |',
      '| 4 | File the delivery slip | Mailroom clerk | - |',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'parcels.md');
    const steps = r.sops[0].steps;
    assert.equal(steps.length, 4);
    assert.deepEqual(steps[0].decisions, [{ when: 'the barcode is missing', goto: 3 }]);
    assert.deepEqual(steps[1].timers.map((t) => [t.amount, t.unit]), [[4, 'hour']]);
    assert.deepEqual(steps[2].decisions, [{ when: 'always', goto: 'end' }]);
    assert.deepEqual(steps[3].decisions, []);
    assert.match(steps[0].description, /barcode is missing/);
  });

  it('reads a Next step column as routes, plain next rows as ordinary flow', async () => {
    const md = [
      '# Visa letter', '',
      '| No. | Activity | Responsible | Next step |',
      '|---|---|---|---|',
      '| 1 | Submit the request | Applicant | 2 |',
      '| 2 | Check the passport copy | HR officer | Valid: 3; Invalid: 4 |',
      '| 3 | Sign the letter every week | HR manager | End |',
      '| 4 | Ask for a new copy | HR officer | 1 |',
    ].join('\n');
    const steps = (await importDocument(new TextEncoder().encode(md), 'visa.md')).sops[0].steps;
    assert.deepEqual(steps.map((s) => s.decisions), [
      [], [{ when: 'Valid', goto: 3 }, { when: 'Invalid', goto: 4 }], [{ when: 'always', goto: 'end' }], [{ when: 'always', goto: 1, loop: true }],
    ]);
    assert.equal(steps[2].timers[0]?.kind, 'recurrence');
  });
});
