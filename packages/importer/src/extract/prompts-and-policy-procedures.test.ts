import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importDocument } from '../index.js';

const md = (text: string) => importDocument(new TextEncoder().encode(text), 'doc.md');

const PROMPTS = `# Shift briefing

Give the incoming nurse these points, in this order:

## Patients
Who is new on the ward since the morning?
Is anyone waiting for a transfer?

## Medication
Which doses are due in the next hour?

## Equipment
Is any pump or monitor out of service?
Has the crash trolley been checked today?
`;

const POLICY = `# Key Control Policy

## Purpose
This policy describes how keys to the archive are controlled.

## Issuing keys
1. The requester fills in the key request form.
2. The archive manager checks the request against the access list.
3. The archive manager signs the key out in the key log.
4. Return the key to the archive office by 17:00.
`;

describe('question prompts and procedures inside policies', () => {
  it('reads sections made of question prompts as the steps of one procedure', async () => {
    const result = await md(PROMPTS);
    assert.equal(result.sops.length, 1, JSON.stringify(result.diagnostics));
    assert.deepEqual(result.sops[0].steps.map((s) => s.title), ['Patients', 'Medication', 'Equipment']);
  });

  it('finds a short numbered procedure inside a policy whose sections do not say "procedure"', async () => {
    const result = await md(POLICY);
    assert.equal(result.sops.length, 1, JSON.stringify(result.diagnostics));
    assert.equal(result.sops[0].steps.length, 4);
    assert.ok(result.sops[0].notes.some((n) => /Purpose/.test(n)) || result.sops[0].steps.every((s) => !/policy describes/.test(s.title)));
  });

  it('still imports nothing from a policy of bulleted principles', async () => {
    const result = await md('# Clean Desk Policy\n\n## Principles\n\n- Desks are cleared at the end of the day.\n- Papers are locked away.\n- Screens are locked when away.\n');
    assert.equal(result.sops.length, 0);
  });
});
