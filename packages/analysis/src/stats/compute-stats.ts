import type { RunRecord } from '../records/run-record.js';
import { executedSteps, isGoodOutcome, stepDurationMs, stepFailed, toEpochMs } from '../records/run-record.js';
import { mean, quantile } from './quantile.js';

export interface StepStats {
  activity: string;
  /** Runs in which the step ran at least once. */
  runs: number;
  executions: number;
  failures: number;
  failureRate: number;
  p50Ms?: number;
  p95Ms?: number;
  meanMs?: number;
  totalMs: number;
  /** Median time between the previous step's end and this step's start. */
  waitP50Ms?: number;
  /** Runs in which the step ran more than once. */
  reworkRuns: number;
}

export interface HandoffStats {
  fromRole: string;
  toRole: string;
  count: number;
  p50WaitMs?: number;
  p95WaitMs?: number;
}

export interface Bottleneck {
  activity: string;
  /** Why it is listed: the largest share of working time, or of waiting time before it. */
  reason: 'working-time' | 'waiting-time';
  share: number;
  totalMs: number;
}

export interface RunStats {
  runs: number;
  succeeded: number;
  successRate: number;
  statuses: Record<string, number>;
  runP50Ms?: number;
  runP95Ms?: number;
  steps: StepStats[];
  bottlenecks: Bottleneck[];
  rework: { activity: string; runs: number; extraExecutions: number }[];
  handoffs: HandoffStats[];
}

export interface StatsOptions {
  isSuccess?: (record: RunRecord) => boolean;
  /** How many bottlenecks of each kind to list (default 3). */
  topBottlenecks?: number;
}

/**
 * Pure; figures over a set of runs: run count, success rate, run duration p50/p95, per step
 * p50/p95/mean duration (per attempt), failure rate and rework, bottlenecks (largest share of
 * working time and of waiting time), and hand-off waiting time between roles (role, else resource).
 */
export function computeStats(records: readonly RunRecord[], options: StatsOptions = {}): RunStats {
  const ok = options.isSuccess ?? isGoodOutcome;
  const top = options.topBottlenecks ?? 3;
  const steps = new Map<string, { runs: number; executions: number; failures: number; durations: number[]; waits: number[]; reworkRuns: number }>();
  const handoffs = new Map<string, { from: string; to: string; waits: number[] }>();
  const statuses: Record<string, number> = {};
  const runDurations: number[] = [];
  for (const record of records) {
    statuses[record.status] = (statuses[record.status] ?? 0) + 1;
    const start = toEpochMs(record.startedAt);
    const end = toEpochMs(record.endedAt);
    const runMs = record.durationMs ?? (start !== undefined && end !== undefined ? end - start : undefined);
    if (runMs !== undefined) runDurations.push(runMs);
    const ordered = executedSteps(record);
    const perRun = new Map<string, number>();
    ordered.forEach((step, i) => {
      const entry = steps.get(step.activity) ?? { runs: 0, executions: 0, failures: 0, durations: [], waits: [], reworkRuns: 0 };
      entry.executions += 1;
      if (stepFailed(step)) entry.failures += 1;
      const d = stepDurationMs(step);
      if (d !== undefined) entry.durations.push(d);
      perRun.set(step.activity, (perRun.get(step.activity) ?? 0) + 1);
      const prev = ordered[i - 1];
      const wait = prev === undefined ? undefined : gap(prev.endedAt, step.startedAt);
      if (wait !== undefined) entry.waits.push(wait);
      steps.set(step.activity, entry);
      const fromRole = prev?.role ?? prev?.resource;
      const toRole = step.role ?? step.resource;
      if (prev !== undefined && fromRole !== undefined && toRole !== undefined && fromRole !== toRole && wait !== undefined) {
        const key = `${fromRole}\u0000${toRole}`;
        const h = handoffs.get(key) ?? { from: fromRole, to: toRole, waits: [] };
        h.waits.push(wait);
        handoffs.set(key, h);
      }
    });
    for (const [activity, count] of perRun) {
      const entry = steps.get(activity);
      if (entry === undefined) continue;
      entry.runs += 1;
      if (count > 1) entry.reworkRuns += 1;
    }
  }
  const stepStats: StepStats[] = [...steps].map(([activity, e]) => clean({
    activity, runs: e.runs, executions: e.executions, failures: e.failures, failureRate: e.failures / e.executions,
    p50Ms: quantile(e.durations, 0.5), p95Ms: quantile(e.durations, 0.95), meanMs: mean(e.durations),
    totalMs: e.durations.reduce((t, d) => t + d, 0), waitP50Ms: quantile(e.waits, 0.5), reworkRuns: e.reworkRuns,
  }));
  const totalWork = stepStats.reduce((t, s) => t + s.totalMs, 0);
  const waitTotals = [...steps].map(([activity, e]) => ({ activity, totalMs: e.waits.reduce((t, w) => t + w, 0) }));
  const totalWait = waitTotals.reduce((t, w) => t + w.totalMs, 0);
  const bottlenecks: Bottleneck[] = [
    ...[...stepStats].sort((x, y) => y.totalMs - x.totalMs).slice(0, top).filter((s) => s.totalMs > 0)
      .map((s) => ({ activity: s.activity, reason: 'working-time' as const, share: s.totalMs / totalWork, totalMs: s.totalMs })),
    ...waitTotals.sort((x, y) => y.totalMs - x.totalMs).slice(0, top).filter((w) => w.totalMs > 0)
      .map((w) => ({ activity: w.activity, reason: 'waiting-time' as const, share: w.totalMs / totalWait, totalMs: w.totalMs })),
  ];
  const succeeded = records.filter(ok).length;
  return clean({
    runs: records.length, succeeded, successRate: records.length === 0 ? 0 : succeeded / records.length, statuses,
    runP50Ms: quantile(runDurations, 0.5), runP95Ms: quantile(runDurations, 0.95),
    steps: stepStats, bottlenecks,
    rework: stepStats.filter((s) => s.reworkRuns > 0).map((s) => ({ activity: s.activity, runs: s.reworkRuns, extraExecutions: s.executions - s.runs })),
    handoffs: [...handoffs.values()].map((h) => clean({ fromRole: h.from, toRole: h.to, count: h.waits.length, p50WaitMs: quantile(h.waits, 0.5), p95WaitMs: quantile(h.waits, 0.95) }))
      .sort((x, y) => (y.p50WaitMs ?? 0) - (x.p50WaitMs ?? 0)),
  });
}

function gap(endedAt?: string, startedAt?: string): number | undefined {
  const end = toEpochMs(endedAt);
  const start = toEpochMs(startedAt);
  return end !== undefined && start !== undefined ? Math.max(0, start - end) : undefined;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
