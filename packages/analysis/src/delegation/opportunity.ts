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
  /** Share of the step's time an agent saves when it does the step (default 0.8: someone still reviews). */
  timeSavedShare?: number;
  /** Share of executions the agent takes on; default readiness score / 100 (0 for a step kept human_only). */
  automationShare?: number;
  /** Agent cost per execution (default: measured agent cost, else 0.05). */
  runningCostPerExecution?: number;
  /** Fixed monthly cost of running the agent for this step (default 0). */
  fixedMonthlyCost?: number;
  /** Executions per month; default measured from the records' time span. */
  frequencyPerMonth?: number;
  currency?: string;
}

export interface Opportunity {
  nodeId: string;
  readiness: number;
  /** Expected value per month: frequency × hours saved × cost per hour × automation share − running cost. */
  monthlyValue: number;
  assumptions: Record<string, Assumption>;
}

const DAYS_PER_MONTH = 30.44;

/**
 * Pure and deterministic; the expected monthly value of delegating one step, with every figure it
 * used written into `assumptions` (measured from the records, given by the caller, or a default).
 */
export function estimateOpportunity(nodeId: string, records: readonly RunRecord[], readiness: StepReadiness, given: OpportunityDefaults = {}): Opportunity {
  const steps = records.flatMap((r) => r.steps.filter((s) => s.nodeId === nodeId && stepRan(s)));
  const assumptions: Record<string, Assumption> = {};
  const pick = (name: string, unit: string, givenValue: number | undefined, measured: number | undefined, fallback: number, note: string): number => {
    const value = givenValue ?? measured ?? fallback;
    assumptions[name] = { value, unit, source: givenValue !== undefined ? 'given' : measured !== undefined ? 'measured' : 'default', note };
    return value;
  };
  const currency = given.currency ?? 'USD';
  const times = records.map((r) => toEpochMs(r.startedAt)).filter((t): t is number => t !== undefined);
  const spanDays = times.length >= 2 ? (Math.max(...times) - Math.min(...times)) / 86_400_000 : undefined;
  const measuredFrequency = spanDays !== undefined && spanDays >= 1 ? (steps.length / spanDays) * DAYS_PER_MONTH : undefined;
  const frequency = pick('frequencyPerMonth', 'executions/month', given.frequencyPerMonth, measuredFrequency, steps.length,
    spanDays === undefined ? 'records span less than a day: the executions seen are taken as one month' : `${steps.length} executions over ${spanDays.toFixed(1)} days`);
  const durations = steps.map(stepDurationMs).filter((d): d is number => d !== undefined);
  const p50 = quantile(durations, 0.5);
  const hours = pick('stepHours', 'hours/execution', undefined, p50 === undefined ? undefined : p50 / 3_600_000, 0.25, p50 === undefined ? 'no durations recorded: 15 minutes assumed' : `median of ${durations.length} recorded durations`);
  const saved = pick('timeSavedShare', 'share', given.timeSavedShare, undefined, 0.8, 'share of the step time the agent saves (a person still reviews)');
  const rate = pick('costPerHour', `${currency}/hour`, given.costPerHour, undefined, 50, 'loaded cost of a person’s hour');
  const humanOnly = readiness.suggestedState === 'human_only';
  const share = pick('automationShare', 'share', given.automationShare, undefined, humanOnly ? 0 : readiness.score / 100,
    humanOnly ? `executions the agent takes on; default 0: readiness ${readiness.score}/100 keeps the step human_only` : `executions the agent takes on; default = readiness ${readiness.score}/100`);
  const agentCosts = steps.map((s) => s.costUsd).filter((c): c is number => c !== undefined);
  const perRun = pick('runningCostPerExecution', `${currency}/execution`, given.runningCostPerExecution,
    agentCosts.length > 0 ? agentCosts.reduce((t, c) => t + c, 0) / agentCosts.length : undefined, 0.05, 'agent cost per execution');
  const fixed = pick('fixedMonthlyCost', `${currency}/month`, given.fixedMonthlyCost, undefined, 0, 'fixed monthly cost of running the agent');
  const monthlyValue = frequency * hours * saved * rate * share - (frequency * share * perRun + fixed);
  return { nodeId, readiness: readiness.score, monthlyValue: Math.round(monthlyValue * 100) / 100, assumptions };
}

export interface Portfolio {
  items: (Opportunity & { rank: number; cumulativeValue: number; suggestedState: StepReadiness['suggestedState'] })[];
  totalValue: number;
}

/** Pure; every step's opportunity ranked by expected monthly value (highest first), with the running total of positive values. */
export function rankPortfolio(records: readonly RunRecord[], readiness: readonly StepReadiness[], given: OpportunityDefaults = {}): Portfolio {
  const items = readiness.map((r) => ({ ...estimateOpportunity(r.nodeId, records, r, given), suggestedState: r.suggestedState }))
    .sort((a, b) => b.monthlyValue - a.monthlyValue || a.nodeId.localeCompare(b.nodeId));
  let running = 0;
  const ranked = items.map((item, i) => {
    running += Math.max(0, item.monthlyValue);
    return { ...item, rank: i + 1, cumulativeValue: Math.round(running * 100) / 100 };
  });
  return { items: ranked, totalValue: Math.round(running * 100) / 100 };
}
