import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { unknownRole } from './unknown-role.js';

describe('unknown-role', () => {
  it('warns about a node role and an approver role missing from roles', () => {
    const wf = testWorkflow({
      roles: ['engineer', 'manager'],
      nodes: [{ id: 'a', role: 'enginer' }, { id: 'b', role: 'manager', approvalGate: { required: true, approverRole: 'cfo' } }],
    });
    assert.deepEqual(findings(unknownRole, testContext(wf)), [
      { code: 'unknown-role', severity: 'warning', line: 100, column: 7 },
      { code: 'unknown-role', severity: 'warning', line: 110, column: 9 },
    ]);
  });

  it('is silent when the workflow lists no roles, or every role is listed', () => {
    assert.deepEqual(unknownRole.check(testContext(testWorkflow({ nodes: [{ id: 'a', role: 'anyone' }] }))), []);
    const wf = testWorkflow({ roles: ['Nurse'], nodes: [{ id: 'a', role: 'nurse', onTimeout: { role: 'nurse' } }] });
    assert.deepEqual(unknownRole.check(testContext(wf)), []);
  });
});
