import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { loopWithoutCondition } from './loop-without-condition.js';

describe('loop-without-condition', () => {
  it('reports a loop edge with no when, for_each or max_iterations', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: poll
    type: api
  - id: wait
    type: system
edges:
  - from: poll
    to: wait
  - from: wait
    to: poll
    mode: loop
`;
    assert.deepEqual(findings(loopWithoutCondition, yamlContext(text)), [
      { code: 'loop-without-condition', severity: 'error', ...positionOf(text, 'from: wait') },
    ]);
  });

  it('accepts loops with a condition, a list or a bound', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a' }, { id: 'b' }],
      edges: [
        { from: 'a', to: 'b', mode: 'loop', when: 'true' },
        { from: 'a', to: 'b', mode: 'loop', forEach: 'inputs.items' },
        { from: 'a', to: 'b', mode: 'loop', maxIterations: 3 },
      ],
    });
    assert.deepEqual(loopWithoutCondition.check(testContext(wf)), []);
  });
});
