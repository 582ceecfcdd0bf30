import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { invalidEdgeWeight } from './invalid-edge-weight.js';

const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

describe('invalid-edge-weight', () => {
  it('reports weighted edges with a missing, zero or negative weight', () => {
    const wf = testWorkflow({
      nodes,
      edges: [
        { from: 'a', to: 'b', mode: 'weighted', weight: 0 },
        { from: 'a', to: 'c', mode: 'weighted' },
        { from: 'a', to: 'c', mode: 'weighted', weight: -2 },
      ],
    });
    assert.deepEqual(findings(invalidEdgeWeight, testContext(wf)), [
      { code: 'invalid-edge-weight', severity: 'error', line: 500, column: 7 },
      { code: 'invalid-edge-weight', severity: 'error', line: 510, column: 7 },
      { code: 'invalid-edge-weight', severity: 'error', line: 520, column: 7 },
    ]);
  });

  it('accepts positive weights and ignores other modes', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'weighted', weight: 0.3 }, { from: 'a', to: 'c', weight: -1 }] });
    assert.deepEqual(invalidEdgeWeight.check(testContext(wf)), []);
  });
});
