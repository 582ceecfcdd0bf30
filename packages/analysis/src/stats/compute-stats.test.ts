import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStats, createRunRecord, createStepRecord, quantile, renderStats } from '../index.js';

const t = (m: number): string => new Date(Date.UTC(2026, 0, 1, 10, m)).toISOString();
const step = (nodeId: string, role: string, start: number, end: number, status: 'COMPLETED' | 'FAILED' = 'COMPLETED') =>
  createStepRecord({ nodeId, role, startedAt: t(start), endedAt: t(end), status });

describe('computeStats', () => {
  const runs = [
    createRunRecord({ runId: 'r1', startedAt: t(0), endedAt: t(20), steps: [step('intake', 'clerk', 0, 2), step('review', 'nurse', 12, 14), step('close', 'clerk', 14, 20)] }),
    createRunRecord({ runId: 'r2', startedAt: t(0), endedAt: t(30), steps: [step('intake', 'clerk', 0, 4), step('review', 'nurse', 8, 9, 'FAILED'), step('review', 'nurse', 9, 12), step('close', 'clerk', 12, 30)] }),
    createRunRecord({ runId: 'r3', status: 'FAILED', startedAt: t(0), endedAt: t(5), steps: [step('intake', 'clerk', 0, 5)] }),
  ];
  const stats = computeStats(runs);

  it('counts runs and success', () => {
    assert.deepEqual([stats.runs, stats.succeeded, stats.statuses], [3, 2, { COMPLETED: 2, FAILED: 1 }]);
    assert.equal(stats.runP50Ms, 20 * 60_000);
  });

  it('gives p50/p95 per step, failure rate and rework', () => {
    const review = stats.steps.find((s) => s.activity === 'review');
    assert.deepEqual([review?.runs, review?.executions, review?.failures, review?.reworkRuns, review?.p50Ms], [2, 3, 1, 1, 120_000]);
    assert.deepEqual(stats.rework, [{ activity: 'review', runs: 1, extraExecutions: 1 }]);
    const intake = stats.steps.find((s) => s.activity === 'intake');
    assert.equal(intake?.p95Ms, quantile([120_000, 240_000, 300_000], 0.95));
  });

  it('names bottlenecks and hand-off waits between roles', () => {
    assert.deepEqual(stats.bottlenecks.filter((b) => b.reason === 'working-time').map((b) => b.activity)[0], 'close');
    assert.deepEqual(stats.bottlenecks.find((b) => b.reason === 'waiting-time')?.activity, 'review');
    const clerkToNurse = stats.handoffs.find((h) => h.fromRole === 'clerk' && h.toRole === 'nurse');
    assert.deepEqual([clerkToNurse?.count, clerkToNurse?.p50WaitMs], [2, 7 * 60_000]);
  });

  it('is empty, not broken, for no runs', () => {
    const empty = computeStats([]);
    assert.deepEqual([empty.runs, empty.successRate, empty.steps.length, empty.bottlenecks.length], [0, 0, 0, 0]);
  });

  it('renders a table', () => {
    assert.match(renderStats(stats, 'text'), /review\s+2\s+3\s+1 \(33.3%\)/);
  });
});
