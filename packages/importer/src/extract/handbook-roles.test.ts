import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { isGenericRole } from './generic-roles.js';
import { markedRoleOfHeading } from './role-headings.js';
import { roleFields } from './role-fields.js';
import { addressedRoles, approverRoles, passiveAgents, qualifiedTitles, recipientRoles, rolesInText, teamMentions } from './roles.js';
import { roleSubject } from './sentences.js';


describe('roles as handbooks and runbooks name them', () => {
  it('reads the agent of a passive sentence, but not a rule, a tool or a possessor', () => {
    assert.deepEqual(passiveAgents('Each patch is reviewed by a maintainer before it lands.'), ['maintainer']);
    assert.deepEqual(passiveAgents('The rota is owned by the Data Platform team.'), ['Data Platform team']);
    assert.deepEqual(passiveAgents('The release is approved by QA.'), ['QA']);
    assert.deepEqual(passiveAgents('Exports are covered by GDPR and scheduled by CI.'), []);
    assert.deepEqual(passiveAgents("Access is granted by the finance director's assistant."), []);
  });

  it('reads team mentions, escalations, hand-offs and appointments; a channel is a place', () => {
    assert.deepEqual(teamMentions('Tag @northwind/payments-oncall and post in #payments; mail ops@northwind.io/x.'), ['@northwind/payments-oncall']);
    assert.deepEqual(addressedRoles('If it is still down, the ticket is escalated to a duty manager.'), ['duty manager']);
    assert.deepEqual(addressedRoles('Hand the ticket over to the second-line analyst.'), ['second-line analyst']);
    assert.deepEqual(addressedRoles('Appoint a scribe and an incident commander.'), ['scribe', 'incident commander']);
    assert.deepEqual(addressedRoles('Identify the affected host.'), []);
    assert.deepEqual(rolesInText('This page is for the weekend shift.'), []);
  });

  it('reads whom a thing is sent to, whom an instruction works with, whose approval it needs, and "your X" acting', () => {
    assert.deepEqual(recipientRoles('Submit the expense form to your line manager.'), ['line manager']);
    assert.deepEqual(recipientRoles('Check with the comms lead before you post.'), ['comms lead']);
    assert.deepEqual(recipientRoles('Send the alert to the #ops channel and talk to the team.'), []);
    assert.deepEqual(approverRoles("Get your line manager's approval before you book."), ['line manager']);
    assert.deepEqual(approverRoles("The release needs QA's sign-off."), ['QA']);
    assert.deepEqual(approverRoles("Read the project's review notes."), []);
    assert.equal(roleSubject('Your team lead reviews the timeline the next day.'), 'team lead');
  });

  it('gives a step to whoever does it, never to whom it addresses', async () => {
    const sop = await onlySop([
      '# Booking travel', '', '1. Fill in the travel request.', "2. Get your line manager's approval.", '3. Submit the request to the travel desk.', '4. The travel desk books the tickets.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.role), [undefined, undefined, undefined, 'travel desk']);
    for (const role of ['line manager', 'travel desk']) assert.ok(sop.roles.includes(role), sop.roles.join(', '));
  });

  it('reads a title with a duty qualifier wherever it stands, whole, and "on-call" calls no one', () => {
    assert.deepEqual(qualifiedTitles('Once the on-call network engineer has confirmed the fix, close the ticket.'), ['on-call network engineer']);
    assert.deepEqual(qualifiedTitles('Hand the keys to the duty pharmacist.'), ['duty pharmacist']);
    assert.deepEqual(qualifiedTitles('An on-call rota is kept in the wiki.'), []);
    assert.deepEqual(addressedRoles('Once the on-call engineer has confirmed the fix, close the ticket.'), []);
  });

  it('reads Owner / DRI / Who fields, not people or handles', () => {
    assert.deepEqual(roleFields('**Owner:** Billing team'), ['Billing team']);
    assert.deepEqual(roleFields('DRI: release manager; Who: @northwind/docs-team'), ['release manager', '@northwind/docs-team']);
    assert.deepEqual(roleFields('Owner: Priya Raman'), []);
    assert.deepEqual(roleFields('Who: everyone'), []);
  });

  it('reads a role a heading names in so many words, not a bare noun or a topic', () => {
    assert.equal(markedRoleOfHeading('For reviewers'), 'reviewers');
    assert.equal(markedRoleOfHeading('If you are the release manager'), 'release manager');
    assert.equal(markedRoleOfHeading('Notes for the on-call engineer'), 'on-call engineer');
    assert.equal(markedRoleOfHeading('Support'), undefined);
    assert.equal(markedRoleOfHeading('For more information'), undefined);
  });

  it('drops generic nouns, keeps qualified ones', () => {
    for (const g of ['team', 'the team', 'users', 'respective teams', 'affected customers', 'vendors', 'team members', 'agent']) assert.ok(isGenericRole(g), g);
    for (const r of ['Data Platform team', 'customer service agent', 'Employee', 'Controller']) assert.ok(!isGenericRole(r), r);
  });

  it('brings the kinds together in one document', async () => {
    const sop = await onlySop([
      '# Publishing a hotfix', '',
      '## Contacts', '',
      '| Role | Responsibility | When to engage |', '|---|---|---|',
      '| Hotfix Lead | Runs the release | Always |', '| Legal / Privacy | Reviews customer notices | Data exposure |', '',
      '## For reviewers', '',
      'Read the whole diff before you comment. Check that the tests cover the change.', '',
      '## For maintainers', '',
      'Rebase the branch on main. Merge the pull request with a squash commit. **Owner:** Release team', '',
      'The merged build is signed off by the security lead. Notify the users and the team.', '',
    ].join('\n'));
    for (const role of ['Hotfix Lead', 'Legal / Privacy', 'reviewers', 'maintainers', 'security lead']) assert.ok(sop.roles.includes(role), `${role} in ${sop.roles.join(', ')}`);
    for (const generic of ['users', 'team']) assert.ok(!sop.roles.includes(generic), sop.roles.join(', '));
    assert.equal(sop.steps[0].role, 'reviewers');
    assert.equal(sop.steps.find((s) => /^Rebase/.test(s.title))?.role, 'maintainers');
  });
});
