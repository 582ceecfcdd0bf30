import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { switchWithoutCases } from './switch-without-cases.js';

const nodes = [{ id: 'a' }, { id: 'b' }];

describe('switch-without-cases', () => {
  it('reports a switch with no cases at the edge', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'switch', when: 'inputs.kind', defaultTo: 'b' }] });
    assert.deepEqual(findings(switchWithoutCases, testContext(wf)), [{ code: 'switch-without-cases', severity: 'error', line: 500, column: 5 }]);
  });

  it('reports a switch with no expression', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'switch', cases: [{ value: 1, to: 'b' }] }] });
    assert.match(switchWithoutCases.check(testContext(wf))[0]!.message, /no expression/);
  });

  it('accepts a complete switch and ignores other modes', () => {
    const wf = testWorkflow({ nodes, edges: [{ from: 'a', to: 'b', mode: 'switch', when: 'inputs.kind', cases: [{ value: 1, to: 'b' }] }, { from: 'a', to: 'b' }] });
    assert.deepEqual(switchWithoutCases.check(testContext(wf)), []);
  });
});
