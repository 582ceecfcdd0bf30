import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { onlySop } from '../../test-fixtures/generate/only-sop.js';
import { addressedRoles } from './roles.js';


describe('roles in more phrasings', () => {
  it('reads who an instruction addresses whatever the verb form, and both roles of "X and Y"', () => {
    assert.deepEqual(addressedRoles('The clerk logs the call, letting the duty officer know at once.'), ['duty officer']);
    assert.deepEqual(addressedRoles('She notifies the facilities manager by phone.'), ['facilities manager']);
    assert.deepEqual(addressedRoles('Escalating to the on-call engineer is allowed at night.'), ['on-call engineer']);
    // Customers of a product are a generic noun (generic-roles.ts), not a role of the procedure.
    assert.deepEqual(addressedRoles('Notify Suppliers and Customers of the recall.'), ['Suppliers']);
    assert.deepEqual(addressedRoles('Notify the stock controller and the pharmacist of the recall.'), ['stock controller', 'pharmacist']);
    assert.deepEqual(addressedRoles('Tell the team about it.'), []);
  });

  it('names roles addressed in a list beside the procedure', async () => {
    const sop = await onlySop([
      '# Kiln shutdown', '', '## Escalation', '', '- Ping the shift supervisor of any crack.', '- Keep the log open.', '',
      '## Procedure', '', '1. Switch the kiln off.', '2. Open the vent.', '3. Record the temperature.',
    ].join('\n'));
    assert.ok(sop.roles.includes('shift supervisor'), sop.roles.join(', '));
  });

  it('gives sub-steps the role of the step they belong to, and reads a role written after the sentence', async () => {
    const sop = await onlySop([
      '# Server room flood', '', '## Procedure', '',
      '1. The facilities team performs the following:',
      '   1. Cut the power to the raised floor.',
      '   2. Pump the water out.',
      '2. Restore the backups from tape. - Platform Ops',
      '3. Test the monitoring alerts. - Platform Ops',
    ].join('\n'));
    assert.equal(sop.steps[1].role, 'facilities team');
    assert.equal(sop.steps[2].role, 'facilities team');
    assert.equal(sop.steps[3].title, 'Restore the backups from tape');
    assert.equal(sop.steps[3].role, 'Platform Ops');
    assert.ok(sop.roles.includes('Platform Ops'), sop.roles.join(', '));
  });

  it('keeps the whole sentence when the role written after it follows no full stop', async () => {
    const sop = await onlySop([
      '# Lab clean-up', '', '## Tasks', '',
      '- [ ] Wash the glass beakers by the sink - Lab Team',
      '- [ ] Defrost the small freezer - Lab Team',
      '- [ ] Order more notebooks with numbered pages - Lab Manager',
    ].join('\n'));
    assert.deepEqual(sop.steps.map((s) => s.title), ['Wash the glass beakers by the sink', 'Defrost the small freezer', 'Order more notebooks with numbered pages']);
    assert.equal(sop.steps[2].role, 'Lab Manager');
  });
});
