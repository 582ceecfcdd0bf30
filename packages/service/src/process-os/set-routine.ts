import { Cron } from 'croner';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { findSopOf } from './get-sop.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface SetRoutineInput {
  enabled: boolean;
  /** A cron expression (5 or 6 fields) or a preset (@hourly, @daily, @weekly, @monthly, @yearly). */
  schedule?: string;
  /** An IANA time zone; default UTC. */
  timezone?: string;
  /** What a fire does while a run is in flight: skip (default), queue (fire when it ends), allow (run alongside). */
  overlap?: 'skip' | 'queue' | 'allow';
}

export interface RoutineView {
  sopId: string;
  enabled: boolean;
  schedule: string | null;
  timezone: string;
  overlap: string;
  /** The next five fire times (ISO 8601, UTC); empty when disabled. */
  nextFireTimes: string[];
  lastFiredAt: string | null;
}

/** The next `count` fire times of a schedule after `after`; a bad expression or time zone is invalid_request naming it. */
export function nextFireTimes(schedule: string, timezone: string, count: number, after: Date = new Date()): string[] {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw new ServiceError('invalid_request', `time zone ${timezone} is not one this server knows (use an IANA name such as Europe/Amsterdam)`, { field: 'timezone' });
  }
  let cron: Cron;
  try {
    cron = new Cron(schedule, { timezone, paused: true });
  } catch (error) {
    throw new ServiceError('invalid_request', `schedule "${schedule}" is not a cron expression: ${(error as Error).message}`, { field: 'schedule' });
  }
  return cron.nextRuns(count, after).map((d) => d.toISOString());
}

/**
 * Sets or clears the SOP's cron routine: enabling needs an active SOP (sop_not_active) and a
 * schedule (given now or before); returns the routine with its next five fire times.
 */
export async function setRoutine(ctx: ProcessContext, sopId: string, input: SetRoutineInput): Promise<RoutineView> {
  const actor = requirePermission(ctx, 'routines.write');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  if (typeof input.enabled !== 'boolean') throw new ServiceError('invalid_request', 'give "enabled": true or false', { field: 'enabled' });
  const records = recordsOf(ctx.store);
  const existing = await serviceCall(() => records.routines.find(actor.tenantId, sop.id));
  const schedule = input.schedule ?? existing?.schedule;
  const timezone = input.timezone ?? existing?.timezone ?? 'UTC';
  const overlap = input.overlap ?? (existing?.overlap as SetRoutineInput['overlap']) ?? 'skip';
  if (!['skip', 'queue', 'allow'].includes(overlap)) throw new ServiceError('invalid_request', `overlap ${overlap}: use skip, queue or allow`, { field: 'overlap' });
  if (input.enabled && sop.status !== 'active') throw new ServiceError('sop_not_active', `SOP ${sop.id} is ${sop.status}; only an active SOP runs on a schedule`, { status: sop.status });
  if (input.enabled && schedule === undefined) throw new ServiceError('invalid_request', 'give a "schedule" to enable the routine', { field: 'schedule' });
  const fires = schedule === undefined ? [] : nextFireTimes(schedule, timezone, 5);
  const at = new Date().toISOString();
  if (schedule !== undefined) {
    await serviceCall(() => records.routines.upsert({
      sopId: sop.id, tenantId: actor.tenantId, schedule, timezone, enabled: input.enabled, overlap, nextFireAt: input.enabled ? fires[0] ?? null : null,
      lastFiredAt: existing?.lastFiredAt ?? null, updatedAt: at,
    }));
  }
  await serviceCall(() => records.audit.record({
    id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: input.enabled ? 'routine.enable' : 'routine.disable', target: sop.id, details: { schedule, timezone, overlap },
  }));
  return {
    sopId: sop.id, enabled: input.enabled && schedule !== undefined, schedule: schedule ?? null, timezone, overlap,
    nextFireTimes: input.enabled ? fires : [], lastFiredAt: existing?.lastFiredAt ?? null,
  };
}
