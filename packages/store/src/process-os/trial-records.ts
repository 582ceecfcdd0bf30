import type { Kysely } from 'kysely';

/** One delegation trial of an SOP's step: what the agent would have done beside what the person did, and whether they agreed. */
export interface DelegationTrialRow {
  id: string; tenantId: string; sopId: string; stepId: string;
  /** The SOP version the trial was recorded against, and the run it shadowed (if named). */
  versionId: string; runId: string | null;
  agentOutput: Record<string, unknown>; personOutput: Record<string, unknown>;
  agreed: boolean;
  /** The field-by-field comparison that decided `agreed`. */
  fields: { field: string; measure: string; agreed: boolean; detail: string }[];
  note: string | null;
  recordedBy: string; at: string;
}

/** Delegation trials (migration 0013); every read and write takes the tenant id. */
export interface TrialRecords {
  insert(row: DelegationTrialRow): Promise<void>;
  /** The SOP's trials (of one step when given), oldest first. */
  list(tenantId: string, sopId: string, stepId?: string): Promise<DelegationTrialRow[]>;
}

interface TrialTables {
  delegation_trials: {
    id: string; tenant_id: string; sop_id: string; step_id: string; version_id: string; run_id: string | null;
    agent_output: string; person_output: string; agreed: number; fields: string; note: string | null; recorded_by: string; at: string;
  };
}

/** Delegation trials over kysely: one code base for SQLite and PostgreSQL. */
export function createTrialRecords(anyDb: Kysely<unknown>): TrialRecords {
  const db = anyDb as unknown as Kysely<TrialTables>;
  return {
    async insert(row) {
      await db.insertInto('delegation_trials').values({
        id: row.id, tenant_id: row.tenantId, sop_id: row.sopId, step_id: row.stepId, version_id: row.versionId, run_id: row.runId,
        agent_output: JSON.stringify(row.agentOutput), person_output: JSON.stringify(row.personOutput), agreed: row.agreed ? 1 : 0,
        fields: JSON.stringify(row.fields), note: row.note, recorded_by: row.recordedBy, at: row.at,
      }).execute();
    },
    async list(tenantId, sopId, stepId) {
      let select = db.selectFrom('delegation_trials').selectAll().where('tenant_id', '=', tenantId).where('sop_id', '=', sopId);
      if (stepId !== undefined) select = select.where('step_id', '=', stepId);
      const rows = await select.orderBy('at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id, tenantId: r.tenant_id, sopId: r.sop_id, stepId: r.step_id, versionId: r.version_id, runId: r.run_id,
        agentOutput: JSON.parse(r.agent_output), personOutput: JSON.parse(r.person_output), agreed: Number(r.agreed) === 1,
        fields: JSON.parse(r.fields), note: r.note, recordedBy: r.recorded_by, at: r.at,
      }));
    },
  };
}

/** Migration 0013: delegation trials, indexed by tenant, SOP, step and time. */
export async function createTrialTables(anyDb: Kysely<unknown>): Promise<void> {
  await anyDb.schema.createTable('delegation_trials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('sop_id', 'text', (c) => c.notNull())
    .addColumn('step_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('agent_output', 'text', (c) => c.notNull())
    .addColumn('person_output', 'text', (c) => c.notNull())
    .addColumn('agreed', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await anyDb.schema.createIndex('delegation_trials_step').on('delegation_trials').columns(['tenant_id', 'sop_id', 'step_id', 'at']).execute();
}
