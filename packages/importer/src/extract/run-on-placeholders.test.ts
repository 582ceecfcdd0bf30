import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('placeholders run on from the line below a numbered item', () => {
  it('marks the step incomplete and keeps the placeholder out of the title', async () => {
    const md = ['# Visitor parking (draft)', '', '## Procedure', '', '1. Reserve a parking bay', '   TBD', '2. Print the parking permit', '   [describe which printer is used]', '3. Record the plate number [form P-2]'].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'parking.md');
    const steps = r.sops[0].steps;
    assert.deepEqual(steps.map((s) => s.title), ['Reserve a parking bay', 'Print the parking permit', 'Record the plate number [form P-2]']);
    assert.deepEqual(steps.map((s) => s.incomplete === true), [true, true, false]);
  });
});
