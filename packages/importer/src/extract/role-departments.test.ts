import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { actingDepartments, isDepartment, teamHandles } from './role-departments.js';
import { addressedRoles, cleanRole } from './roles.js';

describe('teams of handbook prose', () => {
  it('names departments by their function in two to four capitalised words, not one word or a product', () => {
    assert.equal(isDepartment('Support Engineering'), true);
    assert.equal(isDepartment('Customer Success'), true);
    assert.equal(isDepartment('Platform Operations'), true);
    assert.equal(isDepartment('Engineering'), false);
    assert.equal(isDepartment('Amazon Web Services'), false);
    assert.equal(isDepartment('software engineering'), false);
  });

  it('reads departments acting, and only acting', () => {
    assert.deepEqual(actingDepartments('Field Operations needs to book the van. Then Customer Success calls the client.'), ['Field Operations', 'Customer Success']);
    assert.deepEqual(actingDepartments('Developer Relations is responsible for the newsletter.'), ['Developer Relations']);
    assert.deepEqual(actingDepartments('Support Engineering was created in 2019.'), []);
  });

  it('reads team handles without an organisation, not a person\'s handle', () => {
    assert.deepEqual(teamHandles('Tag @billing-team and @sre-oncall, and thank @dana.'), ['@billing-team', '@sre-oncall']);
    assert.deepEqual(teamHandles('Ping @acme/billing-team.'), []);
  });

  it('reads the role a possessive holds, not the possessor, and drops an adjective that picks one out', () => {
    assert.deepEqual(addressedRoles("If the alarm sounds, call the ward's duty nurse."), ['duty nurse']);
    assert.equal(cleanRole('a known IT team'), 'IT team');
    assert.equal(cleanRole('a suitable assessor'), 'assessor');
    assert.equal(cleanRole('A member of the IT Helpdesk team'), 'IT Helpdesk team');
    assert.equal(cleanRole('Someone from the Finance team'), 'Finance team');
    assert.equal(cleanRole('Person in Charge'), 'Person in Charge');
  });

  it('gives a step the performer its passive sentence names ("This is done by the Workplace team")', async () => {
    const sop = await onlySop([
      '# Closing an office', '', '## Steps', '',
      '1. Empty the fridge.',
      '2. Shred the paper files. This is done by the records clerk.',
      '3. Hand the keys back.', '',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.role ?? '-'), ['-', 'records clerk', '-']);
  });

  it('gives the steps of a procedure the departments and team handles that act in them', async () => {
    const sop = await onlySop([
      '# Replacing a broken badge reader', '', '## Steps', '',
      '1. Facilities Operations will remove the broken reader.',
      '2. Escalate to Security Engineering if the door stays open.',
      '3. Tag @access-team in the ticket so they can re-enrol the badges.',
      '4. Test the new reader with a visitor badge.', '',
    ].join('\n'));
    assert.equal(sop.steps[0].role, 'Facilities Operations');
    assert.deepEqual([...sop.roles].sort(), ['@access-team', 'Facilities Operations', 'Security Engineering']);
  });
});
