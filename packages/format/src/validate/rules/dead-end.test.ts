import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, yamlContext } from '../test-workflow.js';
import { deadEnd } from './dead-end.js';

const header = `osop_version: "1.0"
id: triage
name: Triage
`;

describe('dead-end', () => {
  it('reports a node with nowhere to go that is not a declared exit', () => {
    const text = `${header}exit_conditions:
  - node: discharge
nodes:
  - id: assess
    type: human
  - id: discharge
    type: human
  - id: refer
    type: human
edges:
  - from: assess
    to: discharge
    mode: conditional
    when: "true"
  - from: assess
    to: refer
    mode: conditional
    when: "false"
`;
    const ctx = yamlContext(text);
    assert.deepEqual(findings(deadEnd, ctx), [{ code: 'dead-end', severity: 'error', ...positionOf(text, 'refer') }]);
  });

  it('treats a node whose only way on is a failure path as a dead end on success', () => {
    const text = `${header}exit_conditions:
  - node: done
nodes:
  - id: act
    type: agent
  - id: done
    type: system
  - id: escalate
    type: human
edges:
  - from: act
    to: escalate
    mode: error
  - from: escalate
    to: done
`;
    const found = findings(deadEnd, yamlContext(text));
    assert.deepEqual(found.map((f) => f.line), [positionOf(text, 'act').line]);
  });

  it('lets ordinary linear workflows (no declared exits) pass', () => {
    assert.deepEqual(deadEnd.check(testContext(linearWorkflow(['a', 'b', 'c']))), []);
  });
});
