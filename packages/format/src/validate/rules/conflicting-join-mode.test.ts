import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, testContext, testWorkflow } from '../test-workflow.js';
import { conflictingJoinMode } from './conflicting-join-mode.js';

const nodes = [{ id: 'a' }, { id: 'b' }, { id: 'join' }];

describe('conflicting-join-mode', () => {
  it('reports edges into one join that disagree on join_mode, at the second edge', () => {
    const wf = testWorkflow({
      nodes,
      edges: [{ from: 'a', to: 'join', joinMode: 'wait_all' }, { from: 'b', to: 'join', joinMode: 'wait_any' }],
    });
    assert.deepEqual(findings(conflictingJoinMode, testContext(wf)), [{ code: 'conflicting-join-mode', severity: 'error', line: 510, column: 7 }]);
  });

  it('reports wait_n edges with different counts', () => {
    const wf = testWorkflow({
      nodes,
      edges: [{ from: 'a', to: 'join', joinMode: 'wait_n', joinCount: 1 }, { from: 'b', to: 'join', joinMode: 'wait_n', joinCount: 2 }],
    });
    assert.match(conflictingJoinMode.check(testContext(wf))[0]!.message, /wait_n\(1\).*wait_n\(2\)/);
  });

  it('accepts agreeing edges and a mode set once', () => {
    const agree = testWorkflow({ nodes, edges: [{ from: 'a', to: 'join', joinMode: 'wait_any' }, { from: 'b', to: 'join', joinMode: 'wait_any' }] });
    assert.deepEqual(conflictingJoinMode.check(testContext(agree)), []);
    const once = testWorkflow({ nodes, edges: [{ from: 'a', to: 'join', joinMode: 'wait_any' }, { from: 'b', to: 'join' }] });
    assert.deepEqual(conflictingJoinMode.check(testContext(once)), []);
  });
});
