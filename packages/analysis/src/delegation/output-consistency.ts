import type { StepRecord } from '../records/run-record.js';

/** How consistent a step's results were for the same inputs: 0..1 with the reason, or why it cannot be measured. */
export interface ConsistencyMeasure {
  /** 0..1, higher is more consistent; 0.5 (neutral) when not measurable. */
  score: number;
  measurable: boolean;
  reason: string;
}

const NOT_RECORDED = 'not measurable (inputs not recorded)';

/**
 * Pure; output determinism of one step's executions (same inputs → same outputs). Only executions
 * with recorded inputs count: without inputs, different results may simply answer different cases,
 * so the measure is neutral (0.5) with a reason. Numeric outputs (scores, amounts) are measured by
 * dispersion — the pooled standard deviation within groups of equal inputs, relative to the typical
 * magnitude of the value — and the other outputs by the share giving their group's majority value.
 */
export function measureOutputDeterminism(steps: readonly StepRecord[]): ConsistencyMeasure | undefined {
  const withOutputs = steps.filter((s) => s.outputs !== undefined && Object.keys(s.outputs).length > 0);
  if (withOutputs.length === 0) return undefined;
  const usable = withOutputs.filter(hasInputs);
  if (usable.length === 0) {
    return { score: 0.5, measurable: false, reason: `${NOT_RECORDED}: ${withOutputs.length} executions recorded outputs but no inputs, so same inputs → same outputs cannot be judged; neutral 0.5` };
  }
  const numericKeys = keysWhere(usable, (v) => typeof v === 'number' && Number.isFinite(v));
  const parts: { score: number; reason: string }[] = [];
  const categorical = groupAgreement(usable, (s) => {
    const rest = Object.entries(s.outputs ?? {}).filter(([k]) => !numericKeys.has(k));
    return rest.length === 0 ? undefined : stableJson(Object.fromEntries(rest));
  });
  if (categorical !== undefined) parts.push({ score: categorical.rate, reason: `${categorical.agreeing}/${categorical.cases} executions gave the majority output for their inputs` });
  for (const key of [...numericKeys].sort()) {
    const d = numericDispersion(usable, key);
    if (d !== undefined) {
      parts.push({ score: d.score, reason: `numeric output "${key}": spread within the same inputs is ${Math.round(100 * d.relative)}% of its typical size (pooled SD ${round(d.pooledSd)} over ${d.cases} executions)` });
    }
  }
  if (parts.length === 0) return undefined;
  const left = withOutputs.length - usable.length;
  const note = left > 0 ? `; ${left} executions without recorded inputs left out` : '';
  return { score: parts.reduce((t, p) => t + p.score, 0) / parts.length, measurable: true, reason: `${parts.map((p) => p.reason).join('; ')}${note}` };
}

/** Pure; consistency of people's decisions for the same inputs (majority share), neutral when inputs were not recorded. */
export function measureDecisionConsistency(steps: readonly StepRecord[]): ConsistencyMeasure | undefined {
  const decided = steps.filter((s) => s.decision !== undefined);
  if (decided.length === 0) return undefined;
  const usable = decided.filter(hasInputs);
  if (usable.length === 0) {
    return { score: 0.5, measurable: false, reason: `${NOT_RECORDED}: ${decided.length} decisions recorded without the inputs they were made on; neutral 0.5` };
  }
  const agreement = groupAgreement(usable, (s) => s.decision);
  if (agreement === undefined) return undefined;
  return { score: agreement.rate, measurable: true, reason: `${agreement.agreeing}/${agreement.cases} decisions matched the majority decision for the same inputs` };
}

function hasInputs(step: StepRecord): boolean {
  return step.inputs !== undefined && Object.keys(step.inputs).length > 0;
}

/** Output keys whose every recorded value passes `test`. */
function keysWhere(steps: readonly StepRecord[], test: (v: unknown) => boolean): Set<string> {
  const seen = new Map<string, boolean>();
  for (const s of steps) for (const [k, v] of Object.entries(s.outputs ?? {})) seen.set(k, (seen.get(k) ?? true) && test(v));
  return new Set([...seen].filter(([, ok]) => ok).map(([k]) => k));
}

/** Among executions grouped by identical inputs (groups of two or more), the share that gave the group's majority value. */
function groupAgreement(steps: readonly StepRecord[], valueOf: (s: StepRecord) => string | undefined): { rate: number; agreeing: number; cases: number } | undefined {
  let agreeing = 0;
  let cases = 0;
  for (const values of groupByInputs(steps, valueOf).values()) {
    if (values.length < 2) continue;
    const counts = new Map<string, number>();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    agreeing += Math.max(...counts.values());
    cases += values.length;
  }
  return cases === 0 ? undefined : { rate: agreeing / cases, agreeing, cases };
}

/**
 * Pooled within-group standard deviation of a numeric output over groups of equal inputs, relative
 * to the mean absolute value (or, for values centred on zero, to the overall SD). Score = 1 − relative, floored at 0.
 */
function numericDispersion(steps: readonly StepRecord[], key: string): { score: number; relative: number; pooledSd: number; cases: number } | undefined {
  let squares = 0;
  let freedom = 0;
  let cases = 0;
  const all: number[] = [];
  for (const values of groupByInputs(steps, (s) => numberOrUndefined(s.outputs?.[key])).values()) {
    all.push(...values);
    if (values.length < 2) continue;
    const mean = values.reduce((t, v) => t + v, 0) / values.length;
    squares += values.reduce((t, v) => t + (v - mean) ** 2, 0);
    freedom += values.length - 1;
    cases += values.length;
  }
  if (cases === 0) return undefined;
  const pooledSd = Math.sqrt(squares / freedom);
  const mean = all.reduce((t, v) => t + v, 0) / all.length;
  const overallSd = Math.sqrt(all.reduce((t, v) => t + (v - mean) ** 2, 0) / all.length);
  const scale = all.reduce((t, v) => t + Math.abs(v), 0) / all.length || overallSd;
  const relative = pooledSd === 0 ? 0 : scale === 0 ? 1 : Math.min(1, pooledSd / scale);
  return { score: 1 - relative, relative, pooledSd, cases };
}

function groupByInputs<T>(steps: readonly StepRecord[], valueOf: (s: StepRecord) => T | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const s of steps) {
    const value = valueOf(s);
    if (value === undefined) continue;
    const key = stableJson(s.inputs ?? {});
    groups.set(key, [...(groups.get(key) ?? []), value]);
  }
  return groups;
}

function numberOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function round(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/** JSON with object keys sorted, so equal inputs give equal keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v));
}
