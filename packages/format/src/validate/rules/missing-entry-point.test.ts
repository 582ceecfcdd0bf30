import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, linearWorkflow, testContext, testWorkflow } from '../test-workflow.js';
import { missingEntryPoint } from './missing-entry-point.js';

describe('missing-entry-point', () => {
  it('reports a workflow where every node has an incoming edge', () => {
    const wf = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }] });
    assert.deepEqual(findings(missingEntryPoint, testContext(wf)), [{ code: 'missing-entry-point', severity: 'error', line: 1, column: 3 }]);
  });

  it('accepts an explicit entry_point, a loop back to the start, and a single self-looping node', () => {
    const cycle = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a' }], entryPoint: 'a' });
    assert.deepEqual(missingEntryPoint.check(testContext(cycle)), []);
    const loopBack = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b' }, { from: 'b', to: 'a', mode: 'loop', when: 'true' }] });
    assert.deepEqual(missingEntryPoint.check(testContext(loopBack)), []);
    const selfLoop = testWorkflow({ nodes: [{ id: 's1' }], edges: [{ from: 's1', to: 's1' }] });
    assert.deepEqual(missingEntryPoint.check(testContext(selfLoop)), []);
    assert.deepEqual(missingEntryPoint.check(testContext(linearWorkflow(['a', 'b']))), []);
  });
});
