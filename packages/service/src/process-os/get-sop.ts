import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { stepViews, type StepView } from '../runs/run-views.js';
import { sopInputViews } from './routine-inputs.js';
import { delegationMixOf, isInFlight, routineOfRow, runHandle, runRef, sopSteps, sopSummary, type SopDetail } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** The SOP and its current version in the actor's tenant; another tenant's SOP is not_found like a missing one. */
export async function findSopOf(ctx: ProcessContext, tenantId: string, sopId: string): Promise<{ sop: SopRow; version: SopVersionRow }> {
  const records = recordsOf(ctx.store);
  const sop = await serviceCall(() => records.sops.find(tenantId, sopId));
  const version = sop === undefined ? undefined : await serviceCall(() => records.sops.findVersion(tenantId, sop.currentVersionId));
  if (sop === undefined || version === undefined) throw new ServiceError('not_found', `no SOP ${sopId}`, { sopId });
  return { sop, version };
}

/**
 * One SOP with its ordered steps and each step's live state (todo | now | done | blocked) in the
 * run in flight, else the latest run; `run` is that run's handle (null before the first run);
 * `runs` the 20 most recent, newest first.
 */
export async function getSop(ctx: ProcessContext, sopId: string): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  const records = recordsOf(ctx.store);
  const runs = await serviceCall(() => records.runs.listForSop(actor.tenantId, sop.id, 20));
  const current = runs.find((r) => isInFlight(r)) ?? runs[0];
  let states: StepView[] | undefined;
  if (current !== undefined && current.status !== 'starting' && ctx.engine !== undefined) {
    const engine = ctx.engine;
    const loaded = await serviceCall(() => engine.getRun(current.runId));
    states = stepViews(loaded.source.workflow, loaded.state);
  }
  const workflow = (await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`))).workflow;
  const routine = await serviceCall(() => records.routines.find(actor.tenantId, sop.id));
  const lastRun = runs[0] === undefined ? null : runRef(runs[0]);
  return {
    ...sopSummary(sop, version, { stepCount: workflow.nodes.length, delegation: delegationMixOf(workflow), lastRun }), steps: sopSteps(workflow, states), run: current === undefined ? null : runHandle(current),
    runs: runs.map(runHandle), inputs: sopInputViews(workflow), routine: routineOfRow(routine),
  };
}
