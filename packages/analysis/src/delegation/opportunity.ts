import type { DelegationState } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import { stepDurationMs, stepRan, toEpochMs } from '../records/run-record.js';
import { quantile } from '../stats/quantile.js';
import type { StepReadiness } from './readiness.js';

/** One figure the estimate used, where it came from, and in what unit. */
export interface Assumption {
  value: number;
  unit: string;
  source: 'measured' | 'given' | 'default';
  note: string;
}

export interface OpportunityDefaults {
  /** Loaded cost of a person's hour (default 50, in `currency`). */
  costPerHour?: number;
  /** Share of the step's time an agent saves when it does the step (default 0.8: someone still looks). */
  timeSavedShare?: number;
  /** Share of executions the agent takes on; default from the evidence (the 95 % lower bound of agreement or approval; 0 without trials). */
  automationShare?: number;
  /** Agent cost per execution (default: measured agent cost, else 0.05). */
  runningCostPerExecution?: number;
  /** Fixed monthly cost of running the agent for this step (default 0). */
  fixedMonthlyCost?: number;
  /** Executions per month; default measured over the span the records cover. */
  frequencyPerMonth?: number;
  /** Shortest span of records, in days, a frequency is measured over (default 7). */
  minHistoryDays?: number;
  currency?: string;
}

/** How much history the records cover. */
export interface RecordHistory {
  runs: number;
  spanDays: number;
  enough: boolean;
  note: string;
}

export interface Opportunity {
  /** Stable per step (`workflow#node`): estimating again gives the same opportunity, never a second one. */
  id: string;
  nodeId: string;
  state: DelegationState;
  suggestedState: DelegationState;
  /** Expected value per month: frequency × hours × time saved × cost per hour × automation share − running cost; undefined without enough history. */
  monthlyValue?: number;
  /** The same with every execution delegated: what trials could be worth. */
  potentialMonthlyValue?: number;
  history: RecordHistory;
  assumptions: Record<string, Assumption>;
}

export interface Portfolio {
  items: (Opportunity & { rank: number; cumulativeValue: number })[];
  /** Steps that are not opportunities, and why (automated, capped, already autonomous). */
  excluded: { nodeId: string; reason: string }[];
  totalValue: number;
}

const DAYS_PER_MONTH = 30.44;
const DAY_MS = 86_400_000;

/** Pure; the span the records cover (first start to last end), each run counted once. */
export function recordHistory(records: readonly RunRecord[], minHistoryDays = 7): RecordHistory {
  const runs = uniqueRuns(records);
  const starts = runs.map((r) => toEpochMs(r.startedAt)).filter((t): t is number => t !== undefined);
  const ends = runs.map((r) => toEpochMs(r.endedAt) ?? toEpochMs(r.startedAt)).filter((t): t is number => t !== undefined);
  const spanDays = starts.length === 0 ? 0 : (Math.max(...ends) - Math.min(...starts)) / DAY_MS;
  const enough = spanDays >= minHistoryDays;
  const over = `${runs.length} run${runs.length === 1 ? '' : 's'} over ${spanDays.toFixed(1)} days`;
  return { runs: runs.length, spanDays, enough, note: enough ? over : `not enough history: ${over} (${minHistoryDays} days needed to measure a frequency)` };
}

/**
 * Pure and deterministic; the expected monthly value of delegating one step, every figure written
 * into `assumptions` (measured, given, or a default). The automation share comes from the evidence;
 * frequency from the span the records cover, or no value at all when that span is too short.
 */
export function estimateOpportunity(workflowId: string, records: readonly RunRecord[], readiness: StepReadiness, given: OpportunityDefaults = {}): Opportunity {
  const runs = uniqueRuns(records);
  const steps = runs.flatMap((r) => r.steps.filter((s) => s.nodeId === readiness.nodeId && stepRan(s)));
  const history = recordHistory(runs, given.minHistoryDays ?? 7);
  const assumptions: Record<string, Assumption> = {};
  const pick = (name: string, unit: string, givenValue: number | undefined, measured: number | undefined, fallback: number, note: string): number => {
    const value = givenValue ?? measured ?? fallback;
    assumptions[name] = { value, unit, source: givenValue !== undefined ? 'given' : measured !== undefined ? 'measured' : 'default', note };
    return value;
  };
  const currency = given.currency ?? 'USD';
  const measuredFrequency = history.enough ? (steps.length / history.spanDays) * DAYS_PER_MONTH : undefined;
  const frequency = given.frequencyPerMonth !== undefined || measuredFrequency !== undefined
    ? pick('frequencyPerMonth', 'executions/month', given.frequencyPerMonth, measuredFrequency, 0, `${steps.length} executions; ${history.note}`)
    : undefined;
  const durations = steps.map(stepDurationMs).filter((d): d is number => d !== undefined);
  const p50 = quantile(durations, 0.5);
  const hours = pick('stepHours', 'hours/execution', undefined, p50 === undefined ? undefined : p50 / 3_600_000, 0.25, p50 === undefined ? 'no durations recorded: 15 minutes assumed' : `median of ${durations.length} recorded durations`);
  const saved = pick('timeSavedShare', 'share', given.timeSavedShare, undefined, 0.8, 'share of the step time the agent saves (a person still looks)');
  const rate = pick('costPerHour', `${currency}/hour`, given.costPerHour, undefined, 50, 'loaded cost of a person’s hour');
  const evidence = evidenceShare(readiness);
  const share = pick('automationShare', 'share', given.automationShare, evidence.share, 0, evidence.note);
  const agentCosts = steps.map((s) => s.costUsd).filter((c): c is number => c !== undefined);
  const perRun = pick('runningCostPerExecution', `${currency}/execution`, given.runningCostPerExecution,
    agentCosts.length > 0 ? agentCosts.reduce((t, c) => t + c, 0) / agentCosts.length : undefined, 0.05, 'agent cost per execution');
  const fixed = pick('fixedMonthlyCost', `${currency}/month`, given.fixedMonthlyCost, undefined, 0, 'fixed monthly cost of running the agent');
  const valueAt = (s: number) => (frequency === undefined ? undefined : round2(frequency * hours * saved * rate * s - (frequency * s * perRun + fixed)));
  const state = readiness.state ?? 'human_only';
  return {
    id: `${workflowId}#${readiness.nodeId}`, nodeId: readiness.nodeId, state, suggestedState: readiness.suggestedState ?? state,
    ...(valueAt(share) === undefined ? {} : { monthlyValue: valueAt(share), potentialMonthlyValue: valueAt(1) }),
    history, assumptions,
  };
}

/**
 * Pure; the opportunities of the steps that can be delegated (a person's or a supervised agent's,
 * not capped), one per step, ranked by expected monthly value, then by potential value; steps
 * without enough history come last. Automated, capped and autonomous steps are listed as excluded.
 */
export function rankPortfolio(workflowId: string, records: readonly RunRecord[], readiness: readonly StepReadiness[], given: OpportunityDefaults = {}): Portfolio {
  const excluded: Portfolio['excluded'] = [];
  const byNode = new Map<string, StepReadiness>();
  for (const r of readiness) {
    if (byNode.has(r.nodeId) || excluded.some((e) => e.nodeId === r.nodeId)) continue;
    const reason = exclusion(r);
    if (reason === undefined) byNode.set(r.nodeId, r);
    else excluded.push({ nodeId: r.nodeId, reason });
  }
  const items = [...byNode.values()].map((r) => estimateOpportunity(workflowId, records, r, given))
    .sort((a, b) => order(b.monthlyValue) - order(a.monthlyValue) || order(b.potentialMonthlyValue) - order(a.potentialMonthlyValue) || a.nodeId.localeCompare(b.nodeId));
  let running = 0;
  const ranked = items.map((item, i) => {
    running += Math.max(0, item.monthlyValue ?? 0);
    return { ...item, rank: i + 1, cumulativeValue: round2(running) };
  });
  return { items: ranked, excluded, totalValue: round2(running) };
}

function exclusion(r: StepReadiness): string | undefined {
  if (r.scope === 'automated') return 'automated: already done by a machine';
  if (r.scope === 'not_applicable') return 'not applicable: no one performs it';
  if (r.state === 'agent_autonomous') return 'already delegated (agent_autonomous)';
  if (r.caps.length > 0) return `capped: ${r.caps.map((c) => c.reason).join('; ')}`;
  return undefined;
}

function evidenceShare(r: StepReadiness): { share: number | undefined; note: string } {
  const ladder = r.ladder;
  if (ladder !== undefined && ladder.supervised.trials > 0) {
    return { share: ladder.supervised.lower, note: `95 % lower bound of the approval rate (${ladder.supervised.successes}/${ladder.supervised.trials} supervised executions approved unchanged)` };
  }
  if (ladder !== undefined && ladder.trials.trials > 0) {
    return { share: ladder.trials.lower, note: `95 % lower bound of trial agreement (${ladder.trials.successes}/${ladder.trials.trials} shadow trials agreed)` };
  }
  return { share: undefined, note: 'no trial yet: no evidence an agent can take any execution on (0 until trials say otherwise)' };
}

function uniqueRuns(records: readonly RunRecord[]): RunRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => (seen.has(r.runId) ? false : (seen.add(r.runId), true)));
}

function order(value: number | undefined): number {
  return value ?? Number.NEGATIVE_INFINITY;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
