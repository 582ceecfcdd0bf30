import type { DelegationTrialRow } from '@sopflow/store';
import { parseWorkflowSource } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { requireStep } from '../delegation/check-delegation-change.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { findSopOf } from './get-sop.js';
import { delegationStateOf } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface TrialInput {
  /** What the agent would have answered (its shadow output). */
  agentOutput: Record<string, unknown>;
  /** What the person decided for the same case. */
  personOutput: Record<string, unknown>;
  /** The run whose step the trial shadowed: one of this SOP's runs. */
  runId?: string;
  note?: string;
}

export type DelegationTrialView = Omit<DelegationTrialRow, 'tenantId'>;

/**
 * Records one delegation trial of a step in `trialing`: the agent's output beside the person's,
 * compared by `compareOutputs` with the ladder's default tolerances and the step's form (as a
 * shadow step in a run record is), stored with who recorded it. The SOP's delegation readiness and
 * its promotions count it as a stated trial (`recordedTrials`). Operators and up (`tasks.complete`);
 * `conflict` unless the step is trialing; another tenant's SOP or run is not_found.
 */
export async function recordDelegationTrial(ctx: ProcessContext, sopId: string, stepId: string, input: TrialInput): Promise<DelegationTrialView> {
  const actor = requirePermission(ctx, 'tasks.complete');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  const { workflow } = await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`));
  const node = requireStep(workflow, stepId);
  const state = delegationStateOf(node);
  if (state !== 'trialing') throw new ServiceError('conflict', `step "${node.id}" is ${state}: trials are recorded while a step is trialing (promote it first)`, { state });
  for (const field of ['agentOutput', 'personOutput'] as const) {
    const value = input[field];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new ServiceError('invalid_request', `${field} must be a JSON object of the step's outputs`, { field });
  }
  const records = recordsOf(ctx.store);
  if (input.runId !== undefined) {
    const run = await serviceCall(() => records.runs.find(actor.tenantId, input.runId!));
    if (run === undefined || run.sopId !== sop.id) throw new ServiceError('not_found', `SOP ${sop.id} has no run ${input.runId}`, { runId: input.runId });
  }
  const { compareOutputs, resolveDelegationPolicy } = await import('@sopflow/analysis');
  const comparison = compareOutputs(input.personOutput, input.agentOutput, { ...resolveDelegationPolicy().agreement, ...(node.form === undefined ? {} : { form: node.form }) });
  const row: DelegationTrialRow = {
    id: createId('tri'), tenantId: actor.tenantId, sopId: sop.id, stepId: node.id, versionId: version.id, runId: input.runId ?? null,
    agentOutput: input.agentOutput, personOutput: input.personOutput, agreed: comparison.agreed, fields: comparison.fields,
    note: input.note?.trim() || null, recordedBy: actor.name, at: new Date().toISOString(),
  };
  await serviceCall(() => records.trials.insert(row));
  const { tenantId: _tenant, ...view } = row;
  return view;
}

/** The trials recorded for an SOP (one step when given), oldest first, with how many agreed. Reads only. */
export async function listDelegationTrials(ctx: ProcessContext, sopId: string, stepId?: string): Promise<{ trials: DelegationTrialView[]; agreed: number }> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  const rows = await serviceCall(() => recordsOf(ctx.store).trials.list(actor.tenantId, sop.id, stepId));
  const trials = rows.map(({ tenantId: _tenant, ...view }) => view);
  return { trials, agreed: trials.filter((t) => t.agreed).length };
}

/**
 * The SOP's recorded trials as the stated-trials text the CLI's `--trials` file holds (read by
 * `readTrials` inside `delegationReadiness` and `checkDelegationChange`); undefined when none.
 */
export async function recordedTrials(ctx: ProcessContext, tenantId: string, sopId: string): Promise<{ name: string; text: string } | undefined> {
  const rows = await serviceCall(() => recordsOf(ctx.store).trials.list(tenantId, sopId));
  if (rows.length === 0) return undefined;
  return { name: `the recorded trials of ${sopId}`, text: JSON.stringify(rows.map((t) => ({ nodeId: t.stepId, agreed: t.agreed, at: t.at }))) };
}
