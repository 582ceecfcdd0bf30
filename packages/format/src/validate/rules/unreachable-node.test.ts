import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { unreachableNode } from './unreachable-node.js';

describe('unreachable-node', () => {
  it('warns about a node only reachable from an island that has an entry_point elsewhere', () => {
    const text = `osop_version: "1.0"
id: t
name: T
entry_point: start
nodes:
  - id: start
    type: human
  - id: finish
    type: human
  - id: orphan
    type: agent
  - id: orphan_next
    type: agent
edges:
  - from: start
    to: finish
  - from: orphan
    to: orphan_next
`;
    const found = findings(unreachableNode, yamlContext(text));
    assert.deepEqual(found, [
      { code: 'unreachable-node', severity: 'warning', ...positionOf(text, 'orphan') },
      { code: 'unreachable-node', severity: 'warning', ...positionOf(text, 'orphan_next') },
    ]);
  });

  it('counts on_failure, failure-mode gotos, switch targets and escalation paths as ways in', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a', onFailure: { node: 'nurse' }, failureModes: [{ goto: 'rollback' }] }, { id: 'b' }, { id: 'c' }, { id: 'nurse' }, { id: 'rollback' }, { id: 'senior' }],
      edges: [{ from: 'a', to: 'b', mode: 'switch', when: 'x', cases: [{ value: 1, to: 'b' }], defaultTo: 'c' }],
      escalationPaths: [{ id: 'e', to: 'senior' }],
    });
    assert.deepEqual(unreachableNode.check(testContext(wf)), []);
    assert.deepEqual(unreachableNode.check(testContext(linearWorkflow(['a', 'b', 'c']))), []);
  });
});
