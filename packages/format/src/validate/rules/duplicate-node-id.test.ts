import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, yamlContext } from '../test-workflow.js';
import { duplicateNodeId } from './duplicate-node-id.js';

describe('duplicate-node-id', () => {
  it('reports the second node with a reused id, at its id', () => {
    const text = `osop_version: "1.0"
id: dup
name: Dup
nodes:
  - id: intake
    type: human
  - id: review
    type: human
  - id: intake
    type: agent
edges:
  - from: intake
    to: review
`;
    const found = findings(duplicateNodeId, yamlContext(text));
    assert.deepEqual(found, [{ code: 'duplicate-node-id', severity: 'error', ...positionOf(text, 'intake', 2) }]);
    assert.match(duplicateNodeId.check(yamlContext(text))[0]!.message, /line 5/);
  });

  it('is silent when ids are unique', () => {
    assert.deepEqual(duplicateNodeId.check(testContext(linearWorkflow(['a', 'b', 'c']))), []);
  });
});
