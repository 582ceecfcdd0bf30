import type { DelegationPolicy, OpportunityDefaults, Portfolio, RecordHistory, RunRecord, StepReadiness } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';
import { rankOpportunities } from './rank-opportunities.js';
import { readTrials } from './read-trials.js';

export interface DelegationReadinessInput {
  workflow: Workflow;
  sources: readonly RecordSource[];
  eventLog?: EventLogOptions;
  /** Figures of the ladder over the defaults (30 trials, threshold 0.90, approval 0.95, window 50). */
  policy?: Partial<DelegationPolicy>;
  /** Loaded cost of a person's hour (default 50). */
  costPerHour?: number;
  /** Trials stated outside the records, as JSON text, and a name for messages. */
  trials?: { name: string; text: string };
  /** Figures given for single steps' opportunities (edited assumptions), by step id, over `costPerHour`. */
  givenPerStep?: Readonly<Record<string, OpportunityDefaults>>;
}

export interface DelegationReadiness {
  workflow: string;
  runs: number;
  history: RecordHistory;
  policy: DelegationPolicy;
  steps: StepReadiness[];
  portfolio: Portfolio;
}

/**
 * Each step's delegation evidence (trials, reviews, their 95 % intervals, caps, what the ladder
 * allows and what is missing) and the opportunities of the delegatable steps, from the process's
 * records. A bad figure is `invalid_request`; malformed trials `invalid_input`.
 */
export async function delegationReadiness(ctx: RecordsContext, input: DelegationReadinessInput): Promise<DelegationReadiness> {
  const { costPerHour } = input;
  if (costPerHour !== undefined && !(Number.isFinite(costPerHour) && costPerHour >= 0)) {
    throw new ServiceError('invalid_request', `--cost-per-hour must be a number of 0 or more, not "${costPerHour}"`);
  }
  const { resolveDelegationPolicy } = await import('@sopflow/analysis');
  const policy = checkPolicy(resolveDelegationPolicy(input.policy));
  const trials = input.trials === undefined ? undefined : readTrials(input.trials);
  const records = await recordsOf(ctx, input);
  const { assessReadiness, estimateOpportunity, rankPortfolio, recordHistory } = await import('@sopflow/analysis');
  const steps = assessReadiness(input.workflow, records, { policy, ...(trials === undefined ? {} : { trials }) });
  const given: OpportunityDefaults = costPerHour === undefined ? {} : { costPerHour };
  let portfolio = rankPortfolio(input.workflow.id, records, steps, given);
  const perStep = input.givenPerStep ?? {};
  if (portfolio.items.some((item) => perStep[item.nodeId] !== undefined)) {
    // Steps with figures of their own are estimated again with them, and the whole portfolio ranked anew.
    const items = portfolio.items.map(({ rank: _rank, cumulativeValue: _cumulative, ...item }) => {
      const own = perStep[item.nodeId];
      return own === undefined ? item : estimateOpportunity(input.workflow.id, records, steps.find((s) => s.nodeId === item.nodeId)!, { ...given, ...own });
    });
    portfolio = { ...rankOpportunities(items), excluded: portfolio.excluded };
  }
  return { workflow: input.workflow.id, runs: records.length, history: recordHistory(records), policy, steps, portfolio };
}

/** The records of this process among the sources (records of other processes are left out). */
export async function recordsOf(ctx: RecordsContext, input: { workflow: Workflow; sources: readonly RecordSource[]; eventLog?: EventLogOptions }): Promise<RunRecord[]> {
  const { records } = await readRunRecords(ctx, input.sources, input.eventLog === undefined ? {} : { eventLog: input.eventLog });
  return records.filter((r) => r.workflowId === input.workflow.id || r.workflowId === 'unknown');
}

function checkPolicy(policy: DelegationPolicy): DelegationPolicy {
  const share = (name: string, v: number) => {
    if (!(Number.isFinite(v) && v > 0 && v <= 1)) throw new ServiceError('invalid_request', `${name} must be a number above 0 and at most 1, not ${v}`);
  };
  const count = (name: string, v: number) => {
    if (!(Number.isInteger(v) && v >= 1)) throw new ServiceError('invalid_request', `${name} must be a whole number of 1 or more, not ${v}`);
  };
  share('the threshold', policy.threshold);
  share('the approval threshold', policy.approvalThreshold);
  count('the minimum number of trials', policy.minTrials);
  count('the minimum number of supervised executions', policy.minSupervised);
  count('the window', policy.window);
  return policy;
}
