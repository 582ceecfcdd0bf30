import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { importDocument } from '../index.js';
import { addressedRoles } from './roles.js';
import { roleSubject } from './sentences.js';

describe('roles: who receives news or what reports is not a role', () => {
  it('drops recipients picked out by the circumstance, keeps named ones', () => {
    assert.deepEqual(addressedRoles('The duty chemist notifies any affected wholesalers and pharmacies of the batch.'), []);
    assert.deepEqual(addressedRoles('CC those reviewers into the ticket.'), []);
    assert.deepEqual(addressedRoles('Phishing emails targeting specific finance staff are reported.'), []);
    assert.deepEqual(addressedRoles('Notify the release officer and the pharmacist.'), ['release officer', 'pharmacist']);
  });

  it('reads no subject from a noun phrase, a label or a system writing its log', () => {
    assert.equal(roleSubject('The ELISA plates already contain the coating antibody.'), undefined);
    assert.equal(roleSubject('Check: Operators can unlock their own terminal'), undefined);
    assert.equal(roleSubject('If the sync keeps failing, the scheduler daemon logs a second warning:'), undefined);
    assert.equal(roleSubject('The Backup Coordinator (BC) records the following log entry:'), undefined);
    assert.equal(roleSubject('The lab manager records the result in the freezer log.'), 'lab manager');
  });

  it('keeps an SOP free of those non-roles end to end', async () => {
    const md = [
      '# Recall of a vaccine batch', '',
      'The stock controller logs the following error when a lot is blocked.', '',
      '1. Quarantine the batch in the pharmacy fridge.',
      '2. The duty officer notifies any affected wholesalers and pharmacies.',
      '3. Record the lot number on the recall form.', '',
    ].join('\n');
    const r = await importDocument(new TextEncoder().encode(md), 'recall.md');
    const roles = r.sops.flatMap((s) => s.roles);
    assert.deepEqual(roles, ['duty officer'], roles.join(', '));
  });
});
