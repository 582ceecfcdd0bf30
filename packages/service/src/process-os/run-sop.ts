import { randomBytes } from 'node:crypto';
import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { requireEngine } from '../runs/require-engine.js';
import { findSopOf } from './get-sop.js';
import { isInFlight } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';
import { writeLibrary } from './change-counters.js';

export interface RunSopInput {
  inputs?: Record<string, unknown>;
  /** Run the automated steps now, in this call, instead of leaving the run to a worker (tests, the CLI). */
  inline?: boolean;
  /**
   * Run it in this process and answer once it first waits (for a person, a timer, a signal) or ends,
   * or after this many milliseconds, whichever comes first; the run goes on here either way. So a
   * caller that reads the SOP right after the 202 sees its quick automated steps done.
   */
  answerWithinMs?: number;
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
  const records = recordsOf(ctx.store);
  const overlap = options.overlap ?? sop.allowOverlap;
  const runId = `r-${randomBytes(8).toString('hex')}`;
  let current: SopRow | undefined = sop;
  let versionId: string | undefined;
  // Without overlap, several starts may race: each writes its run link, then only the one whose
  // compare-and-set on the SOP's updated_at lands goes ahead; the others take their link back and
  // look again (and now see that run in flight).
  for (let attempt = 0; versionId === undefined; attempt++) {
    if (current === undefined) throw new ServiceError('not_found', `no SOP ${sop.id}`, { sopId: sop.id });
    if (attempt === 5) throw new ServiceError('conflict', `SOP ${sop.id} kept changing while a run was being started; try again`);
    const candidate: SopRow = current;
    if (candidate.status !== 'active') throw new ServiceError('sop_not_active', `SOP ${candidate.id} is ${candidate.status}; publish it before running it`, { status: candidate.status });
    if (!overlap) {
      const inFlight = (await serviceCall(() => records.runs.listForSop(candidate.tenantId, candidate.id, 50))).find((r) => isInFlight(r));
      if (inFlight !== undefined) throw new ServiceError('run_in_flight', `SOP ${candidate.id} has a run in flight (${inFlight.runId}) and does not allow overlap`, { runId: inFlight.runId });
    }
    // The link first: a run of a tenant never exists without its tenant, even for a moment.
    await writeLibrary(ctx.store, candidate.tenantId, () => records.runs.insert({
      runId, tenantId: candidate.tenantId, sopId: candidate.id, versionId: candidate.currentVersionId, startedBy: options.startedBy, trigger: options.trigger,
      createdAt: new Date().toISOString(),
    }));
    const stamp = new Date(Math.max(Date.now(), Date.parse(candidate.updatedAt) + 1)).toISOString();
    if (overlap || await writeLibrary(ctx.store, candidate.tenantId, () => records.sops.claimRunSlot(candidate.tenantId, candidate.id, candidate.updatedAt, stamp))) {
      versionId = candidate.currentVersionId;
    } else {
      await writeLibrary(ctx.store, sop.tenantId, () => records.runs.remove(runId));
      current = await serviceCall(() => records.sops.find(candidate.tenantId, candidate.id));
    }
  }
  try {
    const version = await serviceCall(() => records.sops.findVersion(sop.tenantId, versionId!));
    if (version === undefined) throw new ServiceError('invalid_data', `SOP ${sop.id} has lost its version ${versionId}`);
    const source = await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`));
    if (options.answerWithinMs !== undefined && options.inline !== true) {
      const started = engine.startRun(source, options.inputs ?? {}, { runId });
      // The run keeps its lease and goes on in this process after the answer; a failure before it is the caller's.
      started.catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const budget = new Promise<void>((resolve) => { timer = setTimeout(resolve, options.answerWithinMs); });
      try {
        await serviceCall(() => Promise.race([started.then(() => undefined), budget]));
      } finally {
        clearTimeout(timer);
      }
    } else {
      await serviceCall(() => engine.startRun(source, options.inputs ?? {}, { detach: options.inline !== true, runId }));
    }
  } catch (error) {
    // Nothing of the run was recorded: the link goes too, so the SOP is not held as starting.
    await records.runs.remove(runId);
    throw error;
  }
  const run = await serviceCall(() => ctx.store.getRun(runId));
  return { runId, parentSessionId: runId, status: run?.status ?? 'running' };
}
