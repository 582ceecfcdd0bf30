import { needsApproval } from '@sopflow/format';
import type { Workflow } from '@sopflow/format';
import { forwardReach } from '../diff/step-order.js';
import type { RunRecord } from '../records/run-record.js';
import { executedSteps } from '../records/run-record.js';
import { isDenied } from '../records/status-words.js';

/** Why a run ended early as a legitimate outcome: a person denied an approval, or the run was cancelled. */
export interface RunStop {
  by: 'approval_denied' | 'cancelled';
  /** The approval step that was denied. */
  nodeId?: string;
  /** Steps of the process the run never reached because it stopped: none of the steps that ran comes after them. */
  unreached: ReadonlySet<string>;
}

/**
 * Pure; how a run was stopped by an outcome rather than by a mistake — a denied approval (the
 * person's verdict, or the engine's AUTH_DENIED) or a cancellation — or undefined when it was not.
 */
export function runStop(workflow: Workflow, record: RunRecord, reach: Map<string, Set<string>> = forwardReach(workflow)): RunStop | undefined {
  const executed = executedSteps(record);
  const approvals = new Set(workflow.nodes.filter(needsApproval).map((n) => n.id));
  const denial = [...executed].reverse().find((s) => approvals.has(s.nodeId) && isDenied(s));
  if (denial === undefined && record.status !== 'CANCELLED') return undefined;
  const ran = new Set(executed.map((s) => s.nodeId));
  const unreached = new Set(workflow.nodes.map((n) => n.id).filter((id) => !ran.has(id) && ![...(reach.get(id) ?? [])].some((later) => ran.has(later))));
  return denial === undefined ? { by: 'cancelled', unreached } : { by: 'approval_denied', nodeId: denial.nodeId, unreached };
}
