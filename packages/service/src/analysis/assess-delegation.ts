import type { Portfolio, StepReadiness, TrialResult } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import type { RecordSource } from '../records/record-source.js';
import type { EventLogOptions } from '../records/read-event-log.js';
import { readRunRecords, type RecordsContext } from '../records/read-run-records.js';

export interface AssessDelegationInput {
  workflow: Workflow;
  sources: readonly RecordSource[];
  /** Loaded cost of a person's hour (default 50). */
  costPerHour?: number;
  /** Delegation trials as JSON text (`[{"nodeId": "...", "agreed": true}, ...]`), and a name for messages. */
  trials?: { name: string; text: string };
  eventLog?: EventLogOptions;
}

export interface DelegationAssessment {
  workflow: string;
  runs: number;
  readiness: StepReadiness[];
  portfolio: Portfolio;
}

/**
 * Delegation readiness 0–100 per step with its reasons, and the ranked opportunity portfolio with
 * every assumption behind each expected monthly value. A bad cost is `invalid_request`; malformed
 * trials `invalid_input`.
 */
export async function assessDelegation(ctx: RecordsContext, input: AssessDelegationInput): Promise<DelegationAssessment> {
  const { costPerHour } = input;
  if (costPerHour !== undefined && !(Number.isFinite(costPerHour) && costPerHour >= 0)) {
    throw new ServiceError('invalid_request', `--cost-per-hour must be a number of 0 or more, not "${costPerHour}"`);
  }
  const trials = input.trials === undefined ? undefined : parseTrials(input.trials);
  const { records } = await readRunRecords(ctx, input.sources, input.eventLog === undefined ? {} : { eventLog: input.eventLog });
  const { assessReadiness, rankPortfolio } = await import('@sopflow/analysis');
  const readiness = assessReadiness(input.workflow, records, trials ? { trials } : {});
  const portfolio = rankPortfolio(input.workflow.id, records, readiness, costPerHour === undefined ? {} : { costPerHour });
  return { workflow: input.workflow.id, runs: records.length, readiness, portfolio };
}

function parseTrials({ name, text }: { name: string; text: string }): TrialResult[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new ServiceError('invalid_input', `${name}: not JSON (${(err as Error).message})`);
  }
  if (!Array.isArray(value)) throw new ServiceError('invalid_input', `${name}: trials must be a JSON list`);
  return value.map((t: unknown, i) => {
    const trial = t as Partial<TrialResult> | null;
    if (typeof trial !== 'object' || trial === null || typeof trial.nodeId !== 'string' || typeof trial.agreed !== 'boolean') {
      throw new ServiceError('invalid_input', `${name}: trial ${i + 1} needs "nodeId" (text) and "agreed" (true or false)`);
    }
    return { nodeId: trial.nodeId, agreed: trial.agreed };
  });
}
