import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';

describe('a decision tree drawn as text in a code block', () => {
  it('is a deciding step: its branches jump to the section they name, end the procedure, or act under their condition', async () => {
    const md = [
      '# Suspicious parcel playbook', '',
      '## Part 1 — Assess', '', '### 1.1 Look', '', '1. Look at the parcel without touching it.', '2. Note the sender and the postmark.', '',
      '### 1.2 Decide', '', '```text', 'Is the parcel leaking or ticking?', '│',
      '├── YES (leaking, ticking or smelling)', '│     └── Proceed to 2.1 at once — clear the room', '│         and keep the doors shut',
      '└── NO but the sender is unknown', '      └── Phone the sender listed on the label', '            ├── If the sender confirms it → Open it and close',
      '            └── If nobody answers within an hour → Keep it in the quarantine box', '```', '',
      '## Part 2 — Respond', '', '### 2.1 Clear', '', '1. Clear the room and shut the doors.', '2. Call the security desk.',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'parcel.md');
    assert.equal(r.sops.length, 1);
    const steps = r.sops[0].steps;
    const decide = steps.find((s) => s.title === 'Is the parcel leaking or ticking?');
    assert.ok(decide, steps.map((s) => s.title).join(' | '));
    assert.equal(decide.source.from, 'diagram');
    const clear = steps.find((s) => s.title === 'Clear the room and shut the doors')!.sequence_order;
    assert.deepEqual(decide.decisions, [
      { when: 'YES (leaking / ticking or smelling)', goto: clear },
      { when: 'the sender confirms it', goto: 'end' },
    ]);
    assert.deepEqual(decide.conditionalActions?.map((a) => [a.when, a.action]), [
      ['NO but the sender is unknown', 'Phone the sender listed on the label'],
      ['nobody answers within an hour', 'Keep it in the quarantine box'],
    ]);
  });

  it('leaves a code block that is not a tree of branches alone', async () => {
    const md = ['# Backup', '', '## Procedure', '', '1. Stop the service.', '2. Copy the data folder.', '', '```', 'Is it done?', 'cp -a /data /backup', '```'].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'backup.md');
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), ['Stop the service', 'Copy the data folder']);
  });
});
