import { serviceCall } from '../as-service-error.js';
import type { SopRow } from '@sopflow/store';
import { isServiceError, ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { startSopRun } from './run-sop.js';
import { isInFlight } from './sop-views.js';
import { nextFireTimes, routineInputProblemsFor } from './set-routine.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

export interface RoutineFire { sopId: string; scheduledFor: string; outcome: 'started' | 'skipped_in_flight' | 'failed'; runId: string | null; message?: string }

/**
 * The scheduler's tick: fires every enabled routine whose time has come. Each fire is claimed with
 * a compare-and-set on the routine's next fire time, so with several servers on one database it
 * happens once. Fires missed while no server ran collapse into one fire now (the next time is
 * computed from now). Overlap: skip (record and move on), queue (leave the fire due until the run
 * in flight ends), allow (run alongside). A fire starts its run with the routine's inputs, checked
 * first against the SOP's current version (a version published since may declare others): when
 * they no longer fit, the fire fails saying so. Every fire is recorded in `routine_fires`.
 */
export async function fireDueRoutines(ctx: ProcessContext, now: Date = new Date()): Promise<RoutineFire[]> {
  const records = recordsOf(ctx.store);
  const fired: RoutineFire[] = [];
  for (const routine of await serviceCall(() => records.routines.due(now.toISOString()))) {
    const scheduledFor = routine.nextFireAt!;
    const sop = await serviceCall(() => records.sops.find(routine.tenantId, routine.sopId));
    const inFlight = sop === undefined ? false : (await serviceCall(() => records.runs.listForSop(routine.tenantId, routine.sopId, 50))).some((r) => isInFlight(r, now));
    if (inFlight && routine.overlap === 'queue') continue;
    const next = nextFireTimes(routine.schedule, routine.timezone, 1, now)[0] ?? null;
    if (!await serviceCall(() => records.routines.claimFire(routine.sopId, scheduledFor, next, now.toISOString()))) continue;
    let fire: RoutineFire;
    if (sop === undefined) fire = { sopId: routine.sopId, scheduledFor, outcome: 'failed', runId: null, message: 'the SOP is gone' };
    else if (inFlight && routine.overlap === 'skip') fire = { sopId: sop.id, scheduledFor, outcome: 'skipped_in_flight', runId: null };
    else {
      try {
        await checkInputsStillFit(ctx, sop, routine.inputs);
        const run = await startSopRun(ctx, sop, { startedBy: 'routine', trigger: 'routine', overlap: true, inputs: routine.inputs });
        fire = { sopId: sop.id, scheduledFor, outcome: 'started', runId: run.runId };
      } catch (error) {
        fire = { sopId: sop.id, scheduledFor, outcome: 'failed', runId: null, message: isServiceError(error) ? `${error.code}: ${error.message}` : (error as Error).message };
      }
    }
    await serviceCall(() => records.routines.recordFire({
      id: createId('rf', now), tenantId: routine.tenantId, sopId: routine.sopId, scheduledFor, at: now.toISOString(), runId: fire.runId, outcome: fire.outcome, message: fire.message ?? null,
    }));
    fired.push(fire);
  }
  return fired;
}

/** The routine's inputs against the SOP's current version: invalid_input naming each problem when they no longer fit. */
async function checkInputsStillFit(ctx: ProcessContext, sop: SopRow, inputs: Readonly<Record<string, unknown>>): Promise<void> {
  const version = await serviceCall(() => recordsOf(ctx.store).sops.findVersion(sop.tenantId, sop.currentVersionId));
  if (version === undefined) return; // startSopRun says the version is lost
  const problems = await routineInputProblemsFor(sop, version, inputs);
  if (problems.length > 0) {
    throw new ServiceError('invalid_input', `the routine's inputs no longer fit version ${version.semver}: ${problems.join('; ')}; set the routine's inputs again`, { problems });
  }
}
