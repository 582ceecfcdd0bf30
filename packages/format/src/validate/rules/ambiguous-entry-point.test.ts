import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { ambiguousEntryPoint } from './ambiguous-entry-point.js';

describe('ambiguous-entry-point', () => {
  it('warns about two start nodes at the second one', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: intake
    type: human
  - id: triage
    type: human
  - id: treat
    type: human
edges:
  - from: intake
    to: treat
  - from: triage
    to: treat
`;
    const ctx = yamlContext(text);
    assert.deepEqual(findings(ambiguousEntryPoint, ctx), [{ code: 'ambiguous-entry-point', severity: 'warning', ...positionOf(text, 'triage') }]);
    assert.match(ambiguousEntryPoint.check(ctx)[0]!.hint!, /entry_point: intake/);
  });

  it('does not count escalation targets as start nodes, and accepts an explicit entry_point', () => {
    const escalation = testWorkflow({
      nodes: [{ id: 'a' }, { id: 'b', onTimeout: { node: 'senior' } }, { id: 'senior', type: 'human' }],
      edges: [{ from: 'a', to: 'b' }],
    });
    assert.deepEqual(ambiguousEntryPoint.check(testContext(escalation)), []);
    const explicit = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], entryPoint: 'a' });
    assert.deepEqual(ambiguousEntryPoint.check(testContext(explicit)), []);
    assert.deepEqual(ambiguousEntryPoint.check(testContext(linearWorkflow(['a', 'b', 'c']))), []);
    const forEach = testWorkflow({
      nodes: [{ id: 'load' }, { id: 'send' }, { id: 'done' }],
      edges: [{ from: 'load', to: 'send', mode: 'loop', forEach: 'inputs.rows' }, { from: 'load', to: 'done' }],
    });
    assert.deepEqual(ambiguousEntryPoint.check(testContext(forEach)), [], 'a forward for_each edge is a way in');
  });
});
