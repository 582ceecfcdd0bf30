import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alignPaths, createRunRecord, createStepRecord, diffRuns, diffRunSets, renderDiff } from '../index.js';
import type { RunRecord } from '../index.js';

const at = (minute: number): string => `2026-01-01T10:${String(minute).padStart(2, '0')}:00Z`;
function run(runId: string, steps: [string, number, number, string?][], fields: Partial<RunRecord> = {}): RunRecord {
  return createRunRecord({ runId, ...fields, steps: steps.map(([id, start, end, status]) => createStepRecord({
    nodeId: id, startedAt: at(start), endedAt: at(end), status: (status ?? 'COMPLETED') as 'COMPLETED',
  })) });
}

describe('diffRuns', () => {
  it('aligns the two paths and compares durations, retries, failures, decisions and cost', () => {
    const a = run('a', [['intake', 0, 1], ['review', 1, 5], ['pay', 5, 6]]);
    a.steps[1].decision = 'approve';
    a.steps[2].costUsd = 0.02;
    const b = run('b', [['intake', 0, 2], ['review', 2, 3, 'FAILED'], ['review', 3, 4], ['escalate', 4, 9], ['pay', 9, 10]]);
    b.steps[2].decision = 'escalate';
    const d = diffRuns(a, b);
    assert.equal(d.samePath, false);
    assert.deepEqual(d.path.map((m) => `${m.in}:${m.activity}`), ['both:intake', 'both:review', 'b:review', 'b:escalate', 'both:pay']);
    const review = d.steps.find((s) => s.activity === 'review');
    assert.deepEqual([review?.durationA, review?.durationB, review?.attemptsB, review?.failuresB], [240000, 120000, 2, 1]);
    assert.deepEqual(d.decisionsChanged, [{ activity: 'review', a: 'approve', b: 'escalate' }]);
    assert.deepEqual([d.a.retries, d.b.retries, d.b.failures, d.a.costUsd], [0, 1, 1, 0.02]);
    const text = renderDiff(d, 'text');
    assert.match(text, /intake → review → \+review → \+escalate → pay/);
  });

  it('aligns empty and identical paths', () => {
    assert.deepEqual(alignPaths([], ['x']), [{ in: 'b', activity: 'x' }]);
    assert.ok(alignPaths(['a', 'b'], ['a', 'b']).every((m) => m.in === 'both'));
  });
});

describe('diffRunSets', () => {
  it('gives success rate, median and p95 per step with counts for each version', () => {
    const v1 = [1, 2, 3, 4].map((i) => run(`v1-${i}`, [['review', 0, i]], { workflowVersion: '1.0.0', status: i === 4 ? 'FAILED' : 'COMPLETED' }));
    const v2 = [1, 1].map((i, k) => run(`v2-${k}`, [['review', 0, i]], { workflowVersion: '2.0.0' }));
    const d = diffRunSets(v1, v2);
    assert.deepEqual([d.a.label, d.a.runs, d.a.succeeded, d.a.successRate, d.b.successRate], ['v1.0.0', 4, 3, 0.75, 1]);
    const review = d.steps[0];
    assert.deepEqual([review.countA, review.p50A, Math.round(review.p95A ?? 0), review.countB, review.p50B], [4, 150000, 231000, 2, 60000]);
    assert.match(renderDiff(d, 'markdown'), /\| success rate \| 75.0% \(3\/4\) \| 100.0% \(2\/2\) \|/);
  });
});
