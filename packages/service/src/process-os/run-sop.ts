import { randomBytes } from 'node:crypto';
import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { requireEngine } from '../runs/require-engine.js';
import { findSopOf } from './get-sop.js';
import { isInFlight } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface RunSopInput {
  inputs?: Record<string, unknown>;
  /** Run the automated steps now, in this call, instead of leaving the run to a worker (tests, the CLI). */
  inline?: boolean;
}

/**
 * Starts a run of the SOP's current version as the actor (202 in the server): sop_not_active unless
 * active; run_in_flight while a run is in flight and the SOP does not allow overlap. The run is
 * recorded for a worker (the server's embedded worker executes it) unless `inline`.
 */
export async function runSop(ctx: ProcessContext, sopId: string, input: RunSopInput = {}): Promise<{ runId: string; parentSessionId: string; status: string }> {
  const actor = requirePermission(ctx, 'runs.start');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  return startSopRun(ctx, sop, { startedBy: actor.name, trigger: 'manual', ...input });
}

/** Starts a run of an SOP row already found in its tenant (runSop and the routine scheduler). */
export async function startSopRun(
  ctx: ProcessContext, sop: SopRow, options: RunSopInput & { startedBy: string; trigger: string; overlap?: boolean },
): Promise<{ runId: string; parentSessionId: string; status: string }> {
  const engine = requireEngine(ctx);
  if (sop.status !== 'active') throw new ServiceError('sop_not_active', `SOP ${sop.id} is ${sop.status}; publish it before running it`, { status: sop.status });
  const records = recordsOf(ctx.store);
  if (!(options.overlap ?? sop.allowOverlap)) {
    const inFlight = (await serviceCall(() => records.runs.listForSop(sop.tenantId, sop.id, 50))).find((r) => isInFlight(r.status));
    if (inFlight !== undefined) throw new ServiceError('run_in_flight', `SOP ${sop.id} has a run in flight (${inFlight.runId}) and does not allow overlap`, { runId: inFlight.runId });
  }
  const version = await serviceCall(() => records.sops.findVersion(sop.tenantId, sop.currentVersionId));
  if (version === undefined) throw new ServiceError('invalid_data', `SOP ${sop.id} has lost its version ${sop.currentVersionId}`);
  const source = await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`));
  const runId = `r-${randomBytes(8).toString('hex')}`;
  // The link first: a run of a tenant never exists without its tenant, even for a moment.
  await serviceCall(() => records.runs.insert({
    runId, tenantId: sop.tenantId, sopId: sop.id, versionId: version.id, startedBy: options.startedBy, trigger: options.trigger, createdAt: new Date().toISOString(),
  }));
  try {
    await serviceCall(() => engine.startRun(source, options.inputs ?? {}, { detach: options.inline !== true, runId }));
  } catch (error) {
    await records.runs.remove(runId);
    throw error;
  }
  const run = await serviceCall(() => ctx.store.getRun(runId));
  return { runId, parentSessionId: runId, status: run?.status ?? 'running' };
}
