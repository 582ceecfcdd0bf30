import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { roleSubject } from './sentences.js';

describe('roleSubject on subjects and verbs it has no list for', () => {
  it('reads any -s verb after an article and a role', () => {
    assert.equal(roleSubject('The Quality Engineer scraps the unit.'), 'Quality Engineer');
    assert.equal(roleSubject('The Staff Nurse helps the patient up.'), 'Staff Nurse');
    assert.equal(roleSubject('The HR Advisor files the form.'), 'HR Advisor');
    assert.equal(roleSubject('The receptionist politely refuses entry.'), 'receptionist');
    assert.equal(roleSubject('The host collects the visitor.'), 'host');
  });

  it('reads a role with a duty attached', () => {
    assert.equal(roleSubject('The Nurse in Charge informs the next of kin.'), 'Nurse in Charge');
  });

  it('reads a sentence-case subject without an article only with a known verb', () => {
    assert.equal(roleSubject('Shift supervisor signs the record'), 'Shift supervisor');
    assert.equal(roleSubject('Triage nurse records vital signs'), 'Triage nurse');
    assert.equal(roleSubject('Customer complaints are logged daily.'), undefined);
    assert.equal(roleSubject('Shift supervisor always wonders'), undefined);
    assert.equal(roleSubject('Service Desk Analyst converts the mailbox.'), 'Service Desk Analyst');
    assert.equal(roleSubject('Tier-1 agent reproduces the problem'), 'Tier-1 agent');
    assert.equal(roleSubject('Service Desk Analyst Tasks'), undefined);
  });

  it('does not take a thing for a role', () => {
    assert.equal(roleSubject('The process ends here.'), undefined);
    assert.equal(roleSubject('The system sends a reminder.'), undefined);
  });
});
