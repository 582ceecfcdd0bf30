import { Cron } from 'croner';
import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { findSopOf } from './get-sop.js';
import { routineInputProblems } from './routine-inputs.js';
import { recordsOf, requirePermission, type ProcessContext, type TenantActor } from './tenant-actor.js';

export interface SetRoutineInput {
  enabled: boolean;
  /** A cron expression (5 or 6 fields) or a preset (@hourly, @daily, @weekly, @monthly, @yearly). */
  schedule?: string;
  /** An IANA time zone; default UTC. */
  timezone?: string;
  /** What a fire does while a run is in flight: skip (default), queue (fire when it ends), allow (run alongside). */
  overlap?: 'skip' | 'queue' | 'allow';
  /** The inputs each fire starts its run with (replacing those stored); checked against the SOP's declared inputs, never secrets. */
  inputs?: Record<string, unknown>;
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
  inputs: Record<string, unknown>;
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
 * The problems of a routine's inputs against an SOP version's declared inputs (routineInputProblems),
 * parsing the version's text; empty when a fire can start its run with them.
 */
export async function routineInputProblemsFor(sop: SopRow, version: SopVersionRow, inputs: Readonly<Record<string, unknown>>): Promise<string[]> {
  const source = await serviceCall(async () => parseWorkflowSource(version.text, `${sop.workflowId}.osop`));
  return routineInputProblems(source.workflow, inputs);
}

/**
 * Sets or clears the SOP's cron routine: enabling needs an active SOP (sop_not_active) and a
 * schedule (given now or before). Inputs, given now or stored before, are checked against the
 * current version's declared inputs when enabling or giving them: invalid_input (422) naming each
 * problem in `details.problems`, nothing stored. Returns the routine with its next five fire times.
 */
export async function setRoutine(ctx: ProcessContext, sopId: string, input: SetRoutineInput): Promise<RoutineView> {
  const actor = requirePermission(ctx, 'routines.write');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  if (typeof input.enabled !== 'boolean') throw new ServiceError('invalid_request', 'give "enabled": true or false', { field: 'enabled' });
  const records = recordsOf(ctx.store);
  const existing = await serviceCall(() => records.routines.find(actor.tenantId, sop.id));
  const schedule = input.schedule ?? existing?.schedule;
  const timezone = input.timezone ?? existing?.timezone ?? 'UTC';
  const overlap = input.overlap ?? (existing?.overlap as SetRoutineInput['overlap']) ?? 'skip';
  if (!['skip', 'queue', 'allow'].includes(overlap)) throw new ServiceError('invalid_request', `overlap ${overlap}: use skip, queue or allow`, { field: 'overlap' });
  if (input.enabled && sop.status !== 'active') throw new ServiceError('sop_not_active', `SOP ${sop.id} is ${sop.status}; only an active SOP runs on a schedule`, { status: sop.status });
  if (input.enabled && schedule === undefined) throw new ServiceError('invalid_request', 'give a "schedule" to enable the routine', { field: 'schedule' });
  if (input.inputs !== undefined && (input.inputs === null || typeof input.inputs !== 'object' || Array.isArray(input.inputs))) {
    throw new ServiceError('invalid_request', 'give "inputs" as an object of input name to value', { field: 'inputs' });
  }
  const inputs = input.inputs ?? existing?.inputs ?? {};
  if (input.enabled || input.inputs !== undefined) {
    const problems = await routineInputProblemsFor(sop, version, inputs);
    if (problems.length > 0) {
      throw new ServiceError('invalid_input', `the routine's inputs do not fit ${sop.title} ${version.semver}: ${problems.join('; ')}`, { field: 'inputs', problems });
    }
  }
  const fires = schedule === undefined ? [] : nextFireTimes(schedule, timezone, 5);
  const at = new Date().toISOString();
  if (schedule !== undefined) {
    await serviceCall(() => records.routines.upsert({
      sopId: sop.id, tenantId: actor.tenantId, schedule, timezone, enabled: input.enabled, overlap, nextFireAt: input.enabled ? fires[0] ?? null : null,
      lastFiredAt: existing?.lastFiredAt ?? null, updatedAt: at, inputs,
    }));
  }
  await serviceCall(() => records.audit.record({
    id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: input.enabled ? 'routine.enable' : 'routine.disable', target: sop.id,
    details: { schedule, timezone, overlap, inputs: Object.keys(inputs) },
  }));
  return {
    sopId: sop.id, enabled: input.enabled && schedule !== undefined, schedule: schedule ?? null, timezone, overlap,
    nextFireTimes: input.enabled ? fires : [], lastFiredAt: existing?.lastFiredAt ?? null, inputs,
  };
}

/**
 * Turns the SOP's routine off when it is on (an SOP leaving `active`, a version its inputs do not fit),
 * recorded in the admin audit log as `routine.disable` with `reason` and `details`; nothing turns it on
 * again but someone setting it. Returns whether it was on.
 */
export async function disableRoutineOf(ctx: ProcessContext, actor: TenantActor, sopId: string, reason: string, details: Record<string, unknown> = {}): Promise<boolean> {
  const records = recordsOf(ctx.store);
  const routine = await serviceCall(() => records.routines.find(actor.tenantId, sopId));
  if (routine === undefined || !routine.enabled) return false;
  const at = new Date().toISOString();
  await serviceCall(() => records.routines.upsert({ ...routine, enabled: false, nextFireAt: null, updatedAt: at }));
  await serviceCall(() => records.audit.record({
    id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'routine.disable', target: sopId,
    details: { schedule: routine.schedule, timezone: routine.timezone, overlap: routine.overlap, reason, ...details },
  }));
  return true;
}

/**
 * After `version` of the SOP is published: an enabled routine whose inputs do not fit it is turned off
 * (audited `routine.disable`, reason `sop.publish`, with the version and each problem) — as n8n turns
 * off a workflow it cannot activate after a save — rather than failing at every fire. Returns the
 * problems when it was turned off, else an empty list.
 */
export async function disableRoutineUnfitFor(ctx: ProcessContext, actor: TenantActor, sop: SopRow, version: SopVersionRow): Promise<string[]> {
  const routine = await serviceCall(() => recordsOf(ctx.store).routines.find(actor.tenantId, sop.id));
  if (routine === undefined || !routine.enabled) return [];
  const problems = await routineInputProblemsFor(sop, version, routine.inputs);
  if (problems.length === 0) return [];
  const message = `the routine's inputs do not fit ${sop.title} ${version.semver}: ${problems.join('; ')}; set its inputs and turn it on again`;
  return await disableRoutineOf(ctx, actor, sop.id, 'sop.publish', { version: version.id, semver: version.semver, message, problems }) ? problems : [];
}
