import type { Kysely, Selectable } from 'kysely';
import { toTaskRow } from '../schema/row-mapping.js';
import type { ProcessOsDatabase } from './process-os-database.js';
import type { RoutineFireRow, RoutineRecords, RoutineRow, SopRunRecords, SopRunWithStatus, TenantRoutineRow } from './process-records.js';

type Db = Kysely<ProcessOsDatabase>;

interface LinkedRunRow {
  run_id: string; tenant_id: string; sop_id: string; version_id: string; started_by: string; trigger: string; created_at: string;
  status: string | null; started_at: string | null; ended_at: string | null;
}

/** A link whose run the engine has not written yet (a start in progress) is `starting`, with the link's time. */
function toRunWithStatus(row: LinkedRunRow): SopRunWithStatus {
  return {
    runId: row.run_id, tenantId: row.tenant_id, sopId: row.sop_id, versionId: row.version_id, startedBy: row.started_by, trigger: row.trigger,
    createdAt: row.created_at, status: row.status ?? 'starting', startedAt: row.started_at ?? row.created_at, endedAt: row.ended_at ?? null,
  };
}

/** The run ↔ SOP link over kysely: the engine stays tenant-agnostic, tenancy of runs and tasks is this join. */
export function createSopRunRecords(db: Db): SopRunRecords {
  const linkedRuns = () => db.selectFrom('sop_runs').leftJoin('runs', 'runs.id', 'sop_runs.run_id')
    .select(['sop_runs.run_id', 'sop_runs.tenant_id', 'sop_runs.sop_id', 'sop_runs.version_id', 'sop_runs.started_by', 'sop_runs.trigger', 'sop_runs.created_at',
      'runs.status', 'runs.started_at', 'runs.ended_at']);
  return {
    async insert(row) {
      await db.insertInto('sop_runs').values({
        run_id: row.runId, tenant_id: row.tenantId, sop_id: row.sopId, version_id: row.versionId, started_by: row.startedBy, trigger: row.trigger, created_at: row.createdAt,
      }).execute();
    },
    async remove(runId) {
      await db.deleteFrom('sop_runs').where('run_id', '=', runId).execute();
    },
    async find(tenantId, runId) {
      const row = await db.selectFrom('sop_runs').selectAll().where('tenant_id', '=', tenantId).where('run_id', '=', runId).executeTakeFirst();
      return row === undefined ? undefined : {
        runId: row.run_id, tenantId: row.tenant_id, sopId: row.sop_id, versionId: row.version_id, startedBy: row.started_by, trigger: row.trigger, createdAt: row.created_at,
      };
    },
    async listForSop(tenantId, sopId, limit) {
      const rows = await linkedRuns().where('sop_runs.tenant_id', '=', tenantId).where('sop_runs.sop_id', '=', sopId)
        .orderBy('sop_runs.created_at', 'desc').orderBy('sop_runs.run_id', 'desc').limit(limit).execute();
      return rows.map(toRunWithStatus);
    },
    async latestForSops(tenantId, sopIds) {
      if (sopIds.length === 0) return [];
      // One query for a page of the library: each SOP's newest link, found through the (tenant, sop, created_at) index.
      const rows = await linkedRuns().where('sop_runs.tenant_id', '=', tenantId).where('sop_runs.sop_id', 'in', [...sopIds])
        .where('sop_runs.run_id', '=', (eb) => eb.selectFrom('sop_runs as newest').select('newest.run_id')
          .where('newest.tenant_id', '=', tenantId).whereRef('newest.sop_id', '=', 'sop_runs.sop_id')
          .orderBy('newest.created_at', 'desc').orderBy('newest.run_id', 'desc').limit(1))
        .execute();
      return rows.map(toRunWithStatus);
    },
    async listTasks(tenantId, status) {
      let select = db.selectFrom('tasks').innerJoin('sop_runs', 'sop_runs.run_id', 'tasks.run_id').selectAll('tasks').where('sop_runs.tenant_id', '=', tenantId);
      if (status !== undefined) select = select.where('tasks.status', '=', status);
      return (await select.orderBy('tasks.created_at').orderBy('tasks.id').execute()).map(toTaskRow);
    },
    async list(tenantId, query) {
      let select = linkedRuns().where('sop_runs.tenant_id', '=', tenantId);
      if (query.sopId !== undefined) select = select.where('sop_runs.sop_id', '=', query.sopId);
      if (query.status !== undefined) select = query.status === 'starting' ? select.where('runs.status', 'is', null) : select.where('runs.status', '=', query.status);
      const before = query.before;
      if (before !== undefined) {
        select = select.where((eb) => eb.or([
          eb('sop_runs.created_at', '<', before.createdAt),
          eb.and([eb('sop_runs.created_at', '=', before.createdAt), eb('sop_runs.run_id', '<', before.runId)]),
        ]));
      }
      const rows = await select.orderBy('sop_runs.created_at', 'desc').orderBy('sop_runs.run_id', 'desc').limit(query.limit).execute();
      return rows.map(toRunWithStatus);
    },
    async heads(endedSince) {
      const rows = await db.selectFrom('sop_runs').innerJoin('runs', 'runs.id', 'sop_runs.run_id')
        .select(['sop_runs.run_id', 'sop_runs.tenant_id', 'sop_runs.sop_id', 'runs.version', 'runs.status'])
        .where((eb) => eb.or([eb('runs.ended_at', 'is', null), eb('runs.ended_at', '>=', endedSince)])).execute();
      return rows.map((row) => ({ runId: row.run_id, tenantId: row.tenant_id, sopId: row.sop_id, version: Number(row.version), status: row.status }));
    },
  };
}

/** Routines and their fires over kysely; `claimFire` is a compare-and-set, so one fire happens once across servers. */
export function createRoutineRecords(db: Db): RoutineRecords {
  return {
    async upsert(row) {
      const values = {
        tenant_id: row.tenantId, schedule: row.schedule, timezone: row.timezone, enabled: row.enabled ? 1 : 0, overlap: row.overlap,
        next_fire_at: row.nextFireAt, last_fired_at: row.lastFiredAt, updated_at: row.updatedAt, inputs: JSON.stringify(row.inputs),
      };
      await db.insertInto('routines').values({ sop_id: row.sopId, ...values }).onConflict((oc) => oc.column('sop_id').doUpdateSet(values)).execute();
    },
    async find(tenantId, sopId) {
      const row = await db.selectFrom('routines').selectAll().where('tenant_id', '=', tenantId).where('sop_id', '=', sopId).executeTakeFirst();
      return row === undefined ? undefined : toRoutineRow(row);
    },
    async due(now) {
      const rows = await db.selectFrom('routines').selectAll().where('enabled', '=', 1).where('next_fire_at', 'is not', null).where('next_fire_at', '<=', now)
        .orderBy('next_fire_at').execute();
      return rows.map(toRoutineRow);
    },
    async claimFire(sopId, expected, next, at) {
      const result = await db.updateTable('routines').set({ next_fire_at: next, last_fired_at: at })
        .where('sop_id', '=', sopId).where('next_fire_at', '=', expected).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async recordFire(row) {
      await db.insertInto('routine_fires').values({
        id: row.id, tenant_id: row.tenantId, sop_id: row.sopId, scheduled_for: row.scheduledFor, at: row.at, run_id: row.runId, outcome: row.outcome, message: row.message,
      }).execute();
    },
    async listFires(tenantId, sopId) {
      const rows = await db.selectFrom('routine_fires').selectAll().where('tenant_id', '=', tenantId).where('sop_id', '=', sopId).orderBy('at').orderBy('id').execute();
      return rows.map(toFireRow);
    },
    async listForTenant(tenantId) {
      const rows = await db.selectFrom('routines').innerJoin('sops', (join) => join.onRef('sops.id', '=', 'routines.sop_id').onRef('sops.tenant_id', '=', 'routines.tenant_id'))
        .selectAll('routines').select(['sops.title as sop_title', 'sops.status as sop_status'])
        .where('routines.tenant_id', '=', tenantId).orderBy('routines.sop_id').execute();
      // Each SOP's newest fire in one query: the fire no later fire of the same SOP follows.
      const fires = await db.selectFrom('routine_fires').selectAll().where('tenant_id', '=', tenantId)
        .where('id', '=', (eb) => eb.selectFrom('routine_fires as newest').select('newest.id')
          .where('newest.tenant_id', '=', tenantId).whereRef('newest.sop_id', '=', 'routine_fires.sop_id')
          .orderBy('newest.at', 'desc').orderBy('newest.id', 'desc').limit(1))
        .execute();
      const lastFire = new Map(fires.map((row) => [row.sop_id, toFireRow(row)]));
      return rows.map((row): TenantRoutineRow => ({ ...toRoutineRow(row), sopTitle: row.sop_title, sopStatus: row.sop_status, lastFire: lastFire.get(row.sop_id) ?? null }));
    },
  };
}

function toFireRow(row: Selectable<ProcessOsDatabase['routine_fires']>): RoutineFireRow {
  return { id: row.id, tenantId: row.tenant_id, sopId: row.sop_id, scheduledFor: row.scheduled_for, at: row.at, runId: row.run_id, outcome: row.outcome, message: row.message ?? null };
}

function toRoutineRow(row: Selectable<ProcessOsDatabase['routines']>): RoutineRow {
  return {
    sopId: row.sop_id, tenantId: row.tenant_id, schedule: row.schedule, timezone: row.timezone, enabled: Number(row.enabled) === 1, overlap: row.overlap,
    nextFireAt: row.next_fire_at, lastFiredAt: row.last_fired_at, updatedAt: row.updated_at, inputs: JSON.parse(row.inputs) as Record<string, unknown>,
  };
}
