import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';

describe('a document titled by a role is that role\'s guide', () => {
  it('gives a position guide\'s title role ("# Shelter Manager" + Responsibilities) to its instructions', async () => {
    const sop = await onlySop([
      '# Shelter Manager', '',
      '## Description', '',
      'The shelter manager runs the evening shelter and answers to the duty officer.', '',
      '## Responsibilities', '',
      '* Overall safety of guests and volunteers.', '',
      '## First Hour', '',
      '* Unlock the hall and switch on the heating.',
      '* Count the camp beds against the inventory sheet.',
      '* Brief the volunteers on tonight\'s rota.', '',
      '## Closing', '',
      '* Lock the hall and return the keys to the caretaker.', '',
    ].join('\n'));
    assert.ok(sop.roles.includes('Shelter Manager'), sop.roles.join(', '));
    const unlock = sop.steps.find((s) => /^Unlock the hall/.test(s.title));
    assert.equal(unlock?.role, 'Shelter Manager');
  });

  it('reads "X Position" as the role of that position', async () => {
    const sop = await onlySop([
      '# Sign-in Position', '',
      '## Responsibility', '',
      '* Logs every call that comes in on the net.', '',
      '## Immediate Actions', '',
      '* Collect a handset from the equipment store.',
      '* Tune the base set to the incident channel.',
      '* Start a fresh call log.', '',
    ].join('\n'));
    assert.ok(sop.roles.includes('Sign-in position'), sop.roles.join(', '));
    assert.equal(sop.steps.find((s) => /^Tune the base set/.test(s.title))?.role, 'Sign-in position');
  });

  it('reads "Release Coordinator Actions Checklist" as the release coordinator\'s list', async () => {
    const sop = await onlySop([
      '# Release Coordinator Actions Checklist', '',
      '## Before the release', '',
      '- [ ] Freeze the main branch.',
      '- [ ] Draft the changelog.', '',
      '## After the release', '',
      '- [ ] Announce the release on the mailing list.', '',
    ].join('\n'));
    assert.ok(sop.roles.includes('Release Coordinator'), sop.roles.join(', '));
    assert.equal(sop.steps.find((s) => /^Announce/.test(s.title))?.role, 'Release Coordinator');
  });

  it('names no role for a title about a thing, nor for a role title without a duties section', async () => {
    const patient = await onlySop([
      '# Patient Position', '',
      '## Description', '',
      'How the patient lies on the table for a lateral knee view.', '',
      '## Steps', '',
      '1. Lower the table to knee height.',
      '2. Turn the knee so that it faces the detector.',
      '3. Place a foam pad under the ankle.', '',
    ].join('\n'));
    assert.deepEqual(patient.roles, []);
    const bare = await onlySop(['# Lab Manager', '', '## Weekly', '', '1. Check the eyewash.', '2. Restock the gloves.', '3. Empty the sharps bin.', ''].join('\n'));
    assert.equal(bare.steps[0].role, undefined);
  });
});
