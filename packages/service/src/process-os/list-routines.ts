import { serviceCall } from '../as-service-error.js';
import { nextFireTimes } from './set-routine.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** A routine as the tenant's list shows it: its SOP, its schedule, the next fire times and how the last fire went. */
export interface TenantRoutineView {
  sopId: string;
  sopTitle: string;
  sopStatus: string;
  enabled: boolean;
  schedule: string;
  timezone: string;
  overlap: string;
  inputs: Record<string, unknown>;
  /** The next five fire times (ISO 8601, UTC) while enabled; empty when disabled. */
  nextFireTimes: string[];
  lastFiredAt: string | null;
  /** The newest recorded fire: `started` (with its run), `skipped_in_flight` or `failed` (with why); null before the first. */
  lastFire: { scheduledFor: string; at: string; outcome: string; runId: string | null; message: string | null } | null;
}

/**
 * Every routine of the caller's tenant (enabled or not), by SOP id, with the next five fire times
 * counted from `now` and the outcome of the last fire. Reads only (`sops.read`); two store queries.
 */
export async function listRoutines(ctx: ProcessContext, now: Date = new Date()): Promise<TenantRoutineView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  const rows = await serviceCall(() => recordsOf(ctx.store).routines.listForTenant(actor.tenantId));
  return rows.map((row) => ({
    sopId: row.sopId, sopTitle: row.sopTitle, sopStatus: row.sopStatus, enabled: row.enabled, schedule: row.schedule, timezone: row.timezone, overlap: row.overlap, inputs: row.inputs,
    nextFireTimes: row.enabled ? nextFireTimes(row.schedule, row.timezone, 5, now) : [],
    lastFiredAt: row.lastFiredAt,
    lastFire: row.lastFire === null ? null : {
      scheduledFor: row.lastFire.scheduledFor, at: row.lastFire.at, outcome: row.lastFire.outcome, runId: row.lastFire.runId, message: row.lastFire.message,
    },
  }));
}
