import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findings, positionOf, testContext, testWorkflow, yamlContext } from '../test-workflow.js';
import { waitNJoinCount } from './wait-n-join-count.js';

const fanOut = (join: string): string => `osop_version: "1.0"
id: t
name: T
nodes:
  - id: start
    type: system
  - id: a
    type: agent
  - id: b
    type: agent
  - id: merge
    type: system
edges:
  - from: start
    to: a
    mode: parallel
  - from: start
    to: b
    mode: parallel
  - from: a
    to: merge
${join}
  - from: b
    to: merge
`;

describe('wait-n-join-count', () => {
  it('reports wait_n without join_count at join_mode', () => {
    const text = fanOut('    join_mode: wait_n');
    assert.deepEqual(findings(waitNJoinCount, yamlContext(text)), [
      { code: 'wait-n-join-count', severity: 'error', ...positionOf(text, 'wait_n') },
    ]);
  });

  it('reports a join_count larger than the branches that arrive', () => {
    const text = fanOut('    join_mode: wait_n\n    join_count: 3');
    const ctx = yamlContext(text);
    assert.deepEqual(findings(waitNJoinCount, ctx), [{ code: 'wait-n-join-count', severity: 'error', ...positionOf(text, '3\n') }]);
    assert.match(waitNJoinCount.check(ctx)[0]!.message, /the 2 that can arrive/);
  });

  it('accepts a valid wait_n and other join modes', () => {
    assert.deepEqual(waitNJoinCount.check(yamlContext(fanOut('    join_mode: wait_n\n    join_count: 1'))), []);
    assert.deepEqual(waitNJoinCount.check(yamlContext(fanOut('    join_mode: wait_any'))), []);
  });

  it('counts distinct arriving steps, not edges, and ignores loop back edges', () => {
    const wf = testWorkflow({
      nodes: [{ id: 'a' }, { id: 'b' }, { id: 'join' }],
      edges: [
        { from: 'a', to: 'join', joinMode: 'wait_n', joinCount: 2 },
        { from: 'a', to: 'join', mode: 'error' },
        { from: 'b', to: 'join', mode: 'loop', when: 'true' },
      ],
    });
    assert.match(waitNJoinCount.check(testContext(wf))[0]!.message, /the 1 that can arrive/);
  });

  it('rejects a zero or fractional join_count', () => {
    const wf = testWorkflow({ nodes: [{ id: 'a' }, { id: 'b' }], edges: [{ from: 'a', to: 'b', joinMode: 'wait_n', joinCount: 0.5 }] });
    assert.deepEqual(waitNJoinCount.check(testContext(wf)).map((d) => d.code), ['wait-n-join-count']);
  });
});
