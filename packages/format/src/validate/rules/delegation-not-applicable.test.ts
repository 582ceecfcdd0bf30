import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { delegationNotApplicable } from './delegation-not-applicable.js';

describe('delegation-not-applicable', () => {
  it('warns about an agent delegation state on a department node', () => {
    const wf = testWorkflow({ nodes: [{ id: 'finance', type: 'department', delegationState: 'agent_autonomous' }] });
    assert.deepEqual(findings(delegationNotApplicable, testContext(wf)), [{ code: 'delegation-not-applicable', severity: 'warning', line: 100, column: 7 }]);
  });

  it('accepts delegation on human and agent steps, and human_only anywhere', () => {
    const wf = testWorkflow({
      nodes: [
        { id: 'a', type: 'human', delegationState: 'trialing' },
        { id: 'b', type: 'agent', delegationState: 'agent_supervised' },
        { id: 'c', type: 'event', delegationState: 'human_only' },
      ],
    });
    assert.deepEqual(delegationNotApplicable.check(testContext(wf)), []);
  });
});
