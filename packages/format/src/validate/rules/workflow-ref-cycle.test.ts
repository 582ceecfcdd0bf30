import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Workflow } from '../../model/workflow.js';
import { findings, linearWorkflow, testContext, testWorkflow } from '../test-workflow.js';
import { workflowRefCycle } from './workflow-ref-cycle.js';

function library(workflows: Workflow[]): (ref: string) => Workflow | undefined {
  const byId = new Map(workflows.map((w) => [w.id, w]));
  return (ref) => byId.get(ref.replace(/^\.\//, '').replace(/\.osop$/, ''));
}

describe('workflow-ref-cycle', () => {
  it('reports a cycle through other workflows at the root node\'s workflow_ref', () => {
    const root = testWorkflow({ id: 'onboard', nodes: [{ id: 'setup', workflowRef: './accounts.osop' }] });
    const accounts = testWorkflow({ id: 'accounts', nodes: [{ id: 'x', workflowRef: 'laptop' }] });
    const laptop = testWorkflow({ id: 'laptop', nodes: [{ id: 'y', workflowRef: 'accounts' }] });
    const ctx = testContext(root, { resolveWorkflowRef: library([root, accounts, laptop]) });
    assert.deepEqual(findings(workflowRefCycle, ctx), [{ code: 'workflow-ref-cycle', severity: 'error', line: 100, column: 7 }]);
    assert.match(workflowRefCycle.check(ctx)[0]!.message, /onboard → accounts → laptop → accounts/);
  });

  it('finds a direct self-reference even without a resolver', () => {
    const root = testWorkflow({ id: 'loop', nodes: [{ id: 'again', workflowRef: 'loop' }] });
    assert.equal(workflowRefCycle.check(testContext(root)).length, 1);
  });

  it('accepts a diamond of references (shared child, no cycle) and unresolvable refs', () => {
    const shared = linearWorkflow(['s'], { id: 'shared' });
    const left = testWorkflow({ id: 'left', nodes: [{ id: 'l', workflowRef: 'shared' }] });
    const right = testWorkflow({ id: 'right', nodes: [{ id: 'r', workflowRef: 'shared' }] });
    const root = testWorkflow({ id: 'root', nodes: [{ id: 'a', workflowRef: 'left' }, { id: 'b', workflowRef: 'right' }, { id: 'c', workflowRef: 'nowhere' }] });
    assert.deepEqual(workflowRefCycle.check(testContext(root, { resolveWorkflowRef: library([shared, left, right]) })), []);
  });
});
