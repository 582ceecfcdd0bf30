import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { nonPositiveTimeout } from './non-positive-timeout.js';

describe('non-positive-timeout', () => {
  it('reports a zero timeout_sec and a negative approval timeout at their values', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: call
    type: api
    timeout_sec: 0
  - id: approve
    type: human
    approval_gate:
      required: true
      timeout_hours: -4
edges:
  - from: call
    to: approve
`;
    assert.deepEqual(findings(nonPositiveTimeout, yamlContext(text)), [
      { code: 'non-positive-timeout', severity: 'error', ...positionOf(text, '0\n') },
      { code: 'non-positive-timeout', severity: 'error', ...positionOf(text, '-4') },
    ]);
  });

  it('points at a SOP-graph `timeout:` duration', () => {
    const text = `osop_version: "1.0"
id: t
name: T
nodes:
  - id: wait
    type: human
    timeout: 0s
edges: []
`;
    assert.deepEqual(findings(nonPositiveTimeout, yamlContext(text)), [{ code: 'non-positive-timeout', severity: 'error', ...positionOf(text, '0s') }]);
  });

  it('reports the workflow timeout and an SLA', () => {
    const wf = testWorkflow({ timeoutSec: -1, nodes: [{ id: 'a', sla: { dueSec: 0 } }] });
    assert.deepEqual(nonPositiveTimeout.check(testContext(wf)).map((d) => d.message), [
      'workflow timeout_sec is -1 seconds; it must be greater than zero',
      'node "a" SLA is 0 seconds; it must be greater than zero',
    ]);
  });

  it('accepts positive timeouts and absent ones', () => {
    const wf = linearWorkflow(['a', 'b'], { timeoutSec: 60 });
    wf.nodes[0]!.timeoutSec = 0.5;
    assert.deepEqual(nonPositiveTimeout.check(testContext(wf)), []);
  });
});
