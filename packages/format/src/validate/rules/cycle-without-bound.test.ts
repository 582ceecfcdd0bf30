import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { cycleWithoutBound } from './cycle-without-bound.js';

describe('cycle-without-bound', () => {
  it('warns about a rework cycle that has a way out but no bound, at the first edge of the cycle', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: write
    type: human
  - id: review
    type: human
  - id: publish
    type: system
edges:
  - from: write
    to: review
  - from: review
    to: write
    mode: conditional
    when: "true"
  - from: review
    to: publish
    mode: conditional
    when: "false"
`;
    assert.deepEqual(findings(cycleWithoutBound, yamlContext(text)), [
      { code: 'cycle-without-bound', severity: 'warning', ...positionOf(text, 'from: write') },
    ]);
  });

  it('is an error when the cycle has no way out', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'start' }, { id: 'a' }, { id: 'b' }],
      edges: [{ from: 'start', to: 'a' }, { from: 'a', to: 'b' }, { from: 'b', to: 'a' }],
    });
    const found = cycleWithoutBound.check(testContext(wf));
    assert.deepEqual(found.map((d) => [d.severity, d.line]), [['error', 510]]);
    assert.match(found[0]!.message, /a → b/);
  });

  it('treats a node left only by failure paths as a way out: succeeding there ends the run', () => {
    // OSOP's own AI code review example: `approve` goes back to `review` only when it fails.
    const wf = testWorkflow({
      nodes: [{ id: 'fetch' }, { id: 'review' }, { id: 'approve' }],
      edges: [{ from: 'fetch', to: 'review' }, { from: 'review', to: 'approve' }, { from: 'approve', to: 'review', mode: 'fallback' }],
    });
    assert.deepEqual(cycleWithoutBound.check(testContext(wf)).map((d) => d.severity), ['warning']);
  });

  it('accepts cycles bounded by a loop edge or max_iterations, and acyclic workflows', () => {
    const loop = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a', mode: 'loop', when: 'true' }] });
    assert.deepEqual(cycleWithoutBound.check(testContext(loop)), []);
    const bounded = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a', mode: 'conditional', when: 'true', maxIterations: 3 }] });
    assert.deepEqual(cycleWithoutBound.check(testContext(bounded)), []);
    assert.deepEqual(cycleWithoutBound.check(testContext(linearWorkflow(['a', 'b', 'c']))), []);
  });

  it('only notes (info) the OSOP single-node self-loop idiom', () => {
    const selfLoop = testWorkflow({ nodes: [{ id: 's1' }], edges: [{ from: 's1', to: 's1' }] });
    assert.deepEqual(cycleWithoutBound.check(testContext(selfLoop)).map((d) => d.severity), ['info']);
  });

  it('handles a 5,000-node chain without recursion limits', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `n${i}`);
    const wf = testWorkflow({
      nodes: ids.map((id) => ({ id })),
      edges: [...ids.slice(1).map((id, i) => ({ from: ids[i]!, to: id })), { from: 'n4999', to: 'n1' }],
    });
    assert.deepEqual(cycleWithoutBound.check(testContext(wf)).map((d) => d.severity), ['error']);
  });
});
