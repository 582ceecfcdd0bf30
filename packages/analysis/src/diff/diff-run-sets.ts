import type { RunRecord } from '../records/run-record.js';
import { isGoodOutcome, stepDurationMs, stepFailed } from '../records/run-record.js';
import { quantile } from '../stats/quantile.js';

export interface RunSetSide {
  label: string;
  runs: number;
  succeeded: number;
  successRate: number;
}

export interface StepSetComparison {
  activity: string;
  countA: number;
  countB: number;
  p50A?: number;
  p50B?: number;
  p95A?: number;
  p95B?: number;
  failureRateA?: number;
  failureRateB?: number;
}

export interface RunSetDiff {
  kind: 'run-set';
  a: RunSetSide;
  b: RunSetSide;
  steps: StepSetComparison[];
}

export interface DiffRunSetsOptions {
  labelA?: string;
  labelB?: string;
  /** What counts as success (default `isGoodOutcome`). */
  isSuccess?: (record: RunRecord) => boolean;
}

/**
 * Pure; two sets of runs (typically two versions of a process) side by side: success rate, and per
 * step the median and p95 duration (ms, per attempt) and failure rate, each with its count.
 */
export function diffRunSets(runsA: readonly RunRecord[], runsB: readonly RunRecord[], options: DiffRunSetsOptions = {}): RunSetDiff {
  const ok = options.isSuccess ?? isGoodOutcome;
  const sideOf = (runs: readonly RunRecord[], fallback: string): RunSetSide => {
    const succeeded = runs.filter(ok).length;
    const versions = [...new Set(runs.map((r) => r.workflowVersion).filter((v) => v !== undefined))];
    return { label: versions.length === 1 ? `v${versions[0]}` : fallback, runs: runs.length, succeeded, successRate: runs.length === 0 ? 0 : succeeded / runs.length };
  };
  const a = sideOf(runsA, options.labelA ?? 'A');
  const b = sideOf(runsB, options.labelB ?? 'B');
  if (options.labelA !== undefined) a.label = options.labelA;
  if (options.labelB !== undefined) b.label = options.labelB;
  const collect = (runs: readonly RunRecord[]) => {
    const map = new Map<string, { durations: number[]; count: number; failures: number }>();
    for (const r of runs) for (const s of r.steps) {
      if (s.status === 'SKIPPED' || s.status === 'BLOCKED') continue;
      const entry = map.get(s.activity) ?? { durations: [], count: 0, failures: 0 };
      entry.count += 1;
      if (stepFailed(s)) entry.failures += 1;
      const d = stepDurationMs(s);
      if (d !== undefined) entry.durations.push(d);
      map.set(s.activity, entry);
    }
    return map;
  };
  const ca = collect(runsA);
  const cb = collect(runsB);
  const activities = [...new Set([...ca.keys(), ...cb.keys()])];
  const steps = activities.map((activity): StepSetComparison => {
    const x = ca.get(activity);
    const y = cb.get(activity);
    return {
      activity, countA: x?.count ?? 0, countB: y?.count ?? 0,
      p50A: quantile(x?.durations ?? [], 0.5), p50B: quantile(y?.durations ?? [], 0.5),
      p95A: quantile(x?.durations ?? [], 0.95), p95B: quantile(y?.durations ?? [], 0.95),
      failureRateA: x === undefined ? undefined : x.failures / x.count, failureRateB: y === undefined ? undefined : y.failures / y.count,
    };
  });
  return { kind: 'run-set', a, b, steps };
}
