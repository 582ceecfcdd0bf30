import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { unknownEdgeTarget } from './unknown-edge-target.js';

describe('unknown-edge-target', () => {
  it('reports an edge to a missing node at the `to` value, with a did-you-mean hint', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: build
    type: cli
  - id: deploy
    type: cli
edges:
  - from: build
    to: deplyo
`;
    const ctx = yamlContext(text);
    assert.deepEqual(findings(unknownEdgeTarget, ctx), [{ code: 'unknown-edge-target', severity: 'error', ...positionOf(text, 'deplyo') }]);
    assert.equal(unknownEdgeTarget.check(ctx)[0]!.hint, 'did you mean "deploy"?');
  });

  it('checks switch cases, default_to, failure-mode gotos, exit conditions and entry_point', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a', failureModes: [{ code: 'E', goto: 'ghost1' }] }, { id: 'b' }],
      edges: [{ from: 'a', to: 'b', mode: 'switch', when: 'x', cases: [{ value: 1, to: 'ghost2' }], defaultTo: 'ghost3' }],
      failureModes: [{ goto: 'ghost4' }],
      exitConditions: [{ node: 'ghost5' }],
      entryPoint: 'ghost6',
    });
    const messages = unknownEdgeTarget.check(testContext(wf)).map((d) => d.message);
    for (let i = 1; i <= 6; i++) assert.ok(messages.some((m) => m.includes(`"ghost${i}"`)), `ghost${i} in ${messages.join('; ')}`);
    assert.equal(messages.length, 6);
  });

  it('reports an on_success to a missing node in the SOP-graph style', () => {
    const wf = testWorkflow({
      style: 'sop-graph',
      nodes: [{ id: 'a' }, { id: 'b', onFailure: { node: 'nobody' } }],
      edges: [{ from: 'a', to: 'bb', origin: 'on_success', path: ['nodes', 0, 'on_success'] }],
    });
    const found = findings(unknownEdgeTarget, testContext(wf));
    assert.deepEqual(found.map((f) => f.line), [100, 110]);
  });

  it('is silent for a well-formed workflow', () => {
    assert.deepEqual(unknownEdgeTarget.check(testContext(linearWorkflow(['a', 'b']))), []);
  });
});
