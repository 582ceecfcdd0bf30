import type { RunRecord } from '../records/run-record.js';
import { executedSteps, stepDurationMs, stepFailed } from '../records/run-record.js';

export interface StepComparison {
  activity: string;
  /** Summed duration of every attempt, ms. */
  durationA?: number;
  durationB?: number;
  attemptsA: number;
  attemptsB: number;
  failuresA: number;
  failuresB: number;
  decisionA?: string;
  decisionB?: string;
  costA?: number;
  costB?: number;
}

export interface PathMove {
  /** `both`: in both paths at this point; `a`/`b`: only in that run. */
  in: 'both' | 'a' | 'b';
  activity: string;
}

export interface RunDiff {
  kind: 'run';
  a: RunSide;
  b: RunSide;
  samePath: boolean;
  path: PathMove[];
  steps: StepComparison[];
  decisionsChanged: { activity: string; a?: string; b?: string }[];
}

export interface RunSide {
  runId: string;
  workflowVersion?: string;
  status: string;
  outcome?: string;
  durationMs?: number;
  retries: number;
  failures: number;
  costUsd?: number;
  inputTokens: number;
  outputTokens: number;
}

/**
 * Pure; compares two executions: the path each took (aligned by longest common subsequence), per
 * step durations, attempts, failures, decisions and cost, and run totals (duration, retries, tokens).
 */
export function diffRuns(a: RunRecord, b: RunRecord): RunDiff {
  const pathA = executedSteps(a).map((s) => s.activity);
  const pathB = executedSteps(b).map((s) => s.activity);
  const path = alignPaths(pathA, pathB);
  const activities = [...new Set([...pathA, ...pathB])];
  const steps = activities.map((activity) => compareStep(a, b, activity));
  return {
    kind: 'run',
    a: side(a),
    b: side(b),
    samePath: path.every((m) => m.in === 'both'),
    path,
    steps,
    decisionsChanged: steps.filter((s) => s.decisionA !== s.decisionB).map((s) => ({ activity: s.activity, a: s.decisionA, b: s.decisionB })),
  };
}

function compareStep(a: RunRecord, b: RunRecord, activity: string): StepComparison {
  const of = (r: RunRecord) => r.steps.filter((s) => s.activity === activity);
  const sum = (values: (number | undefined)[]): number | undefined => (values.some((v) => v !== undefined) ? values.reduce<number>((t, v) => t + (v ?? 0), 0) : undefined);
  const sa = of(a);
  const sb = of(b);
  const last = (list: typeof sa) => [...list].reverse().find((s) => s.decision !== undefined)?.decision;
  return {
    activity,
    durationA: sum(sa.map(stepDurationMs)), durationB: sum(sb.map(stepDurationMs)),
    attemptsA: sa.length, attemptsB: sb.length,
    failuresA: sa.filter(stepFailed).length, failuresB: sb.filter(stepFailed).length,
    decisionA: last(sa), decisionB: last(sb),
    costA: sum(sa.map((s) => s.costUsd)), costB: sum(sb.map((s) => s.costUsd)),
  };
}

function side(r: RunRecord): RunSide {
  const failures = r.steps.filter(stepFailed).length;
  const counts = new Map<string, number>();
  for (const s of r.steps) counts.set(s.activity, (counts.get(s.activity) ?? 0) + 1);
  const retries = [...counts.values()].reduce((t, c) => t + (c - 1), 0);
  const cost = r.costUsd ?? (r.steps.some((s) => s.costUsd !== undefined) ? r.steps.reduce((t, s) => t + (s.costUsd ?? 0), 0) : undefined);
  const start = r.startedAt === undefined ? NaN : Date.parse(r.startedAt);
  const end = r.endedAt === undefined ? NaN : Date.parse(r.endedAt);
  return Object.fromEntries(Object.entries({
    runId: r.runId, workflowVersion: r.workflowVersion, status: r.status, outcome: r.outcome,
    durationMs: r.durationMs ?? (Number.isNaN(end - start) ? undefined : end - start),
    retries, failures, costUsd: cost,
    inputTokens: r.steps.reduce((t, s) => t + (s.inputTokens ?? 0), 0),
    outputTokens: r.steps.reduce((t, s) => t + (s.outputTokens ?? 0), 0),
  }).filter(([, v]) => v !== undefined)) as unknown as RunSide;
}

/** Pure; the two activity sequences merged along their longest common subsequence. */
export function alignPaths(x: readonly string[], y: readonly string[]): PathMove[] {
  const n = x.length;
  const m = y.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) for (let j = m - 1; j >= 0; j -= 1) {
    table[i][j] = x[i] === y[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  }
  const moves: PathMove[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) { moves.push({ in: 'both', activity: x[i] }); i += 1; j += 1; }
    else if (j >= m || (i < n && table[i + 1][j] >= table[i][j + 1])) { moves.push({ in: 'a', activity: x[i] }); i += 1; }
    else { moves.push({ in: 'b', activity: y[j] }); j += 1; }
  }
  return moves;
}
