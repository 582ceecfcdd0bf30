import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide, emptyRunState, foldRun, parseWorkflowSource, type RunEvent } from '../index.js';

const SPLIT = parseWorkflowSource(`osop_version: "1.1"
id: split
name: Weighted split
nodes:
  - { id: visit, type: system, runtime: { action: noop } }
  - { id: a, type: cli }
  - { id: b, type: cli }
edges:
  - { from: visit, to: a, mode: weighted, weight: 3 }
  - { from: visit, to: b, mode: weighted, weight: 1 }
`);

function branchFor(seed: number): string {
  const at = '2026-01-01T00:00:00.000Z';
  const start = decide(SPLIT.workflow, emptyRunState('r'), { type: 'start', at, runId: 'r', contentHash: SPLIT.hash, inputs: {}, seed }, { executorTypes: ['noop', 'cli'] });
  const started: RunEvent = { type: 'StepStarted', at, nodeId: 'visit', activation: 1, attempt: 1 };
  const state = foldRun([...start.events, started], 'r');
  const next = decide(SPLIT.workflow, state, { type: 'stepResult', at, nodeId: 'visit', activation: 1, attempt: 1, result: { status: 'completed', output: {} } }, { executorTypes: ['noop', 'cli'] });
  const completed = next.events.find((e) => e.type === 'StepCompleted');
  return completed?.type === 'StepCompleted' ? completed.next.join(',') : '';
}

describe('decide', () => {
  it('takes the same weighted branch for the same recorded seed, and both branches near their weights across seeds', () => {
    assert.equal(branchFor(42), branchFor(42));
    const counts = { a: 0, b: 0 };
    for (let seed = 0; seed < 400; seed++) counts[branchFor(seed) as 'a' | 'b'] += 1;
    assert.ok(counts.a > 240 && counts.a < 360, `a chosen ${counts.a} of 400 times with weight 3:1`);
    assert.equal(counts.a + counts.b, 400);
  });

  it('ignores a stale result (wrong attempt) without events', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const start = decide(SPLIT.workflow, emptyRunState('r'), { type: 'start', at, runId: 'r', contentHash: SPLIT.hash, inputs: {}, seed: 1 });
    const state = foldRun([...start.events, { type: 'StepStarted', at, nodeId: 'visit', activation: 1, attempt: 2 }], 'r');
    const stale = decide(SPLIT.workflow, state, { type: 'stepResult', at, nodeId: 'visit', activation: 1, attempt: 1, result: { status: 'completed', output: {} } });
    assert.deepEqual(stale.events, []);
    assert.equal(decide(SPLIT.workflow, emptyRunState('x'), { type: 'signal', at, name: 's' }).rejected?.code, 'unknown_run');
  });

  it('refuses a decision that runs more work items than the bound (runaway_decision), recording nothing', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const input = { type: 'start' as const, at, runId: 'r', contentHash: SPLIT.hash, inputs: {}, seed: 1 };
    const normal = decide(SPLIT.workflow, emptyRunState('r'), input, { executorTypes: ['noop'] });
    assert.equal(normal.rejected, undefined);
    const bounded = decide(SPLIT.workflow, emptyRunState('r'), input, { executorTypes: ['noop'], maxWorkItems: 1 });
    assert.equal(bounded.rejected?.code, 'runaway_decision');
    assert.match(bounded.rejected?.message ?? '', /more than 1 work items/);
    assert.deepEqual(bounded.events, []);
    assert.deepEqual(bounded.commands, []);
  });
});
