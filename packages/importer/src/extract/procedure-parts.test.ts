import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { isPartHeading } from './merge-procedure-parts.js';
import { roleSubject } from './sentences.js';

const load = (md: string, name = 'parts.md') => importDocument(new TextEncoder().encode(md), name);

describe('a procedure told in parts, phases or stages', () => {
  it('recognises part headings, numbered or named', () => {
    for (const t of ['Part 1 — Prepare', 'Part 4b: Recover', 'Phase II: Containment', 'Stage 2 Engaging with the tools', '3.2.1 Containment Phase (Technical)', 'Recovery phase'])
      assert.ok(isPartHeading(t), t);
    for (const t of ['Partners', 'Staged rollout', 'Phase out old keys', 'Participants'])
      assert.ok(!isPartHeading(t), t);
  });

  it('is one procedure whose steps are the lists under the parts, not the sub-headings', async () => {
    const r = await load([
      '# Lost laptop playbook', '', '## Part 1 — Prepare', '', '### 1.1 Accounts', '',
      '- [ ] Keep a list of laptops and their owners', '- [ ] Enable remote wipe on every laptop', '',
      '## Part 2 — Respond', '', '### 2.1 First hour', '',
      '1. Lock the owner\'s account.', '2. Trigger the remote wipe.', '',
      '### 2.2 Later', '', '1. Order a replacement laptop.', '2. Record the loss in the asset register.', '',
      '## Part 3 — Review', '', '1. Hold a short review with the owner.',
    ].join('\n'));
    assert.equal(r.sops.length, 1, r.sops.map((s) => s.title).join(' | '));
    assert.equal(r.sops[0].title, 'Lost laptop playbook');
    assert.deepEqual(r.sops[0].steps.map((s) => s.title), [
      'Keep a list of laptops and their owners', 'Enable remote wipe on every laptop', "Lock the owner's account", 'Trigger the remote wipe',
      'Order a replacement laptop', 'Record the loss in the asset register', 'Hold a short review with the owner',
    ]);
  });

  it('keeps the phases of a policy as its procedure, a one-item list and "the X is to …" included', async () => {
    const r = await load([
      '# Outage Policy', '', '## 1. Policy', '', 'Outages are handled in phases.', '',
      '### 1.1 Notification Phase', '', '* The first responder is to notify the duty manager.', '* The duty manager is to call the hosting partner.', '* Notification can be by phone or e-mail.', '',
      '### 1.2 Recovery Phase', '', '1. The operations team restores the service from the last backup.', '',
      '### 1.3 Review Phase', '', '1. The duty manager writes the outage report.', '2. The board reviews the report.',
    ].join('\n'), 'outage-policy.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.equal(r.sops.length, 1, r.sops.map((s) => s.title).join(' | '));
    assert.deepEqual(titles.slice(0, 2), ['The first responder is to notify the duty manager', 'The duty manager is to call the hosting partner']);
    assert.ok(titles.includes('The operations team restores the service from the last backup') && titles.includes('The board reviews the report'), titles.join(' | '));
    assert.equal(roleSubject('The CTO is to contact the web team.'), 'CTO');
    assert.equal(roleSubject('The goal is to restore service within a day.'), undefined);
  });

  it('takes a numbered list of a phase where some items act, but not questions to reflect on', async () => {
    const r = await load([
      '# Fire Policy', '', '## 1. Policy', '',
      '### 1.1 Alarm Phase', '', '1. Anyone seeing smoke uses the nearest call point.', '2. The switchboard receiving the call phones the brigade.',
      '3. The fire marshal checks the floor plan.', '4. In the case of smoke on the stairs, the fire marshal is to seal the west exit.', '5. Nobody re-enters the building.', '',
      '### 1.2 Review Phase', '', '1. The fire marshal writes the incident report.', '2. The board discusses the report.', '',
      '### 1.3 Lessons Phase', '', '1. Was the alarm heard on every floor?', '2. Did everyone know the assembly point?', '3. The fire marshal updates the drill plan.',
    ].join('\n'), 'fire-policy.md');
    const titles = r.sops.flatMap((s) => s.steps.map((x) => x.title));
    assert.ok(titles.includes('The fire marshal checks the floor plan') && titles.includes('Nobody re-enters the building'), titles.join(' | '));
    assert.ok(!titles.some((t) => t.endsWith('?')), titles.join(' | '));
  });
});
