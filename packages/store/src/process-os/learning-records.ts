import { sql, type Kysely } from 'kysely';
import { isSqlite } from './is-sqlite.js';

/** A person's decision on an SOP's update candidate: approved (with the draft it made) or rejected (with why). */
export interface CandidateDecisionRow {
  tenantId: string; sopId: string; candidateId: string;
  /** The published version the candidate was proposed against. */
  versionId: string;
  status: 'approved' | 'rejected';
  by: string; at: string;
  reason: string | null;
  draftVersionId: string | null;
}

/** A tenant's own figures for one opportunity (`SOP_ID#STEP_ID`): every edit merged, who made the last and when. */
export interface AssumptionEditRow {
  tenantId: string; opportunityId: string; sopId: string;
  values: Record<string, number | string>;
  by: string; at: string;
}

/**
 * What people decided while learning from runs (migration 0012): update-candidate decisions and
 * opportunity assumption edits, as state of their own (the admin audit log still records each act).
 * Every read and write takes the tenant id.
 */
export interface LearningRecords {
  /** Stores the decision unless the candidate already has one: the first decision stands. True when this one was stored. */
  decideCandidate(row: CandidateDecisionRow): Promise<boolean>;
  /** Takes back a decision whose act failed after it was stored (an approval whose draft could not be made). */
  withdrawCandidateDecision(tenantId: string, candidateId: string): Promise<void>;
  /** The decisions on one SOP's candidates. */
  listCandidateDecisions(tenantId: string, sopId: string): Promise<CandidateDecisionRow[]>;
  /** Stores the opportunity's figures, replacing the ones it had (the migration's copy of the audit log). */
  setAssumptions(row: AssumptionEditRow): Promise<void>;
  /**
   * Merges the figures over the ones the opportunity has, in one statement, so two people editing
   * different figures at once both keep theirs; returns the row as stored (every figure merged).
   */
  mergeAssumptions(row: AssumptionEditRow): Promise<AssumptionEditRow>;
  /** The tenant's edited opportunities (of one SOP when given). */
  listAssumptions(tenantId: string, sopId?: string): Promise<AssumptionEditRow[]>;
}

interface LearningTables {
  candidate_decisions: {
    tenant_id: string; candidate_id: string; sop_id: string; version_id: string; status: string; decided_by: string; decided_at: string;
    reason: string | null; draft_version_id: string | null;
  };
  opportunity_assumptions: { tenant_id: string; opportunity_id: string; sop_id: string; assumption_values: string; edited_by: string; edited_at: string };
  admin_audit: { id: string; tenant_id: string | null; at: string; actor: string; action: string; target: string; details: string | null };
}

/** The learning decisions over kysely: one code base for SQLite and PostgreSQL. */
export function createLearningRecords(anyDb: Kysely<unknown>): LearningRecords {
  const db = anyDb as unknown as Kysely<LearningTables>;
  return {
    async decideCandidate(row) {
      // The primary key decides a race between two people: only the first insert stores a row.
      const result = await db.insertInto('candidate_decisions').values({
        tenant_id: row.tenantId, candidate_id: row.candidateId, sop_id: row.sopId, version_id: row.versionId, status: row.status,
        decided_by: row.by, decided_at: row.at, reason: row.reason, draft_version_id: row.draftVersionId,
      }).onConflict((oc) => oc.columns(['tenant_id', 'candidate_id']).doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    },
    async withdrawCandidateDecision(tenantId, candidateId) {
      await db.deleteFrom('candidate_decisions').where('tenant_id', '=', tenantId).where('candidate_id', '=', candidateId).execute();
    },
    async listCandidateDecisions(tenantId, sopId) {
      const rows = await db.selectFrom('candidate_decisions').selectAll().where('tenant_id', '=', tenantId).where('sop_id', '=', sopId)
        .orderBy('decided_at').orderBy('candidate_id').execute();
      return rows.map((r) => ({
        tenantId: r.tenant_id, sopId: r.sop_id, candidateId: r.candidate_id, versionId: r.version_id, status: r.status as CandidateDecisionRow['status'],
        by: r.decided_by, at: r.decided_at, reason: r.reason, draftVersionId: r.draft_version_id,
      }));
    },
    async setAssumptions(row) {
      const values = { sop_id: row.sopId, assumption_values: JSON.stringify(row.values), edited_by: row.by, edited_at: row.at };
      await db.insertInto('opportunity_assumptions').values({ tenant_id: row.tenantId, opportunity_id: row.opportunityId, ...values })
        .onConflict((oc) => oc.columns(['tenant_id', 'opportunity_id']).doUpdateSet(values)).execute();
    },
    async mergeAssumptions(row) {
      // The upsert reads and writes the row under the store's own lock: no read-merge-write in between to lose an edit.
      const merged = isSqlite(anyDb)
        ? sql<string>`json_patch(opportunity_assumptions.assumption_values, excluded.assumption_values)`
        : sql<string>`(opportunity_assumptions.assumption_values::jsonb || excluded.assumption_values::jsonb)::text`;
      const stored = await db.insertInto('opportunity_assumptions').values({
        tenant_id: row.tenantId, opportunity_id: row.opportunityId, sop_id: row.sopId, assumption_values: JSON.stringify(row.values), edited_by: row.by, edited_at: row.at,
      }).onConflict((oc) => oc.columns(['tenant_id', 'opportunity_id']).doUpdateSet({ assumption_values: merged, edited_by: row.by, edited_at: row.at }))
        .returning('assumption_values').executeTakeFirstOrThrow();
      return { ...row, values: JSON.parse(stored.assumption_values) as AssumptionEditRow['values'] };
    },
    async listAssumptions(tenantId, sopId) {
      let select = db.selectFrom('opportunity_assumptions').selectAll().where('tenant_id', '=', tenantId);
      if (sopId !== undefined) select = select.where('sop_id', '=', sopId);
      const rows = await select.orderBy('opportunity_id').execute();
      return rows.map((r) => ({
        tenantId: r.tenant_id, opportunityId: r.opportunity_id, sopId: r.sop_id, values: JSON.parse(r.assumption_values) as AssumptionEditRow['values'],
        by: r.edited_by, at: r.edited_at,
      }));
    },
  };
}

/** The admin audit actions that held these decisions before migration 0012. */
const AUDITED = { approve: 'sop.candidate.approve', reject: 'sop.candidate.reject', assumptions: 'opportunity.assumptions' } as const;

/**
 * Migration 0012: candidate decisions (one per candidate: the primary key keeps the first) and
 * opportunity assumptions (one row per opportunity), each indexed by tenant and SOP; then the
 * decisions earlier versions kept only in the admin audit log are copied in (first decision
 * stands, last assumption edit wins), so an upgraded store shows the same state.
 */
export async function createLearningTables(anyDb: Kysely<unknown>): Promise<void> {
  await anyDb.schema.createTable('candidate_decisions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('candidate_id', 'text', (c) => c.notNull())
    .addColumn('sop_id', 'text', (c) => c.notNull())
    .addColumn('version_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('draft_version_id', 'text')
    .addPrimaryKeyConstraint('candidate_decisions_pk', ['tenant_id', 'candidate_id'])
    .execute();
  await anyDb.schema.createIndex('candidate_decisions_sop').on('candidate_decisions').columns(['tenant_id', 'sop_id']).execute();
  await anyDb.schema.createTable('opportunity_assumptions')
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('opportunity_id', 'text', (c) => c.notNull())
    .addColumn('sop_id', 'text', (c) => c.notNull())
    .addColumn('assumption_values', 'text', (c) => c.notNull())
    .addColumn('edited_by', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('opportunity_assumptions_pk', ['tenant_id', 'opportunity_id'])
    .execute();
  await anyDb.schema.createIndex('opportunity_assumptions_sop').on('opportunity_assumptions').columns(['tenant_id', 'sop_id']).execute();
  await copyAuditedDecisions(anyDb);
}

async function copyAuditedDecisions(anyDb: Kysely<unknown>): Promise<void> {
  const db = anyDb as unknown as Kysely<LearningTables>;
  const records = createLearningRecords(anyDb);
  const rows = await db.selectFrom('admin_audit').selectAll().where('action', 'in', Object.values(AUDITED)).orderBy('at').orderBy('id').execute();
  for (const row of rows) {
    if (row.tenant_id === null || row.details === null) continue;
    const details = JSON.parse(row.details) as { candidateId?: string; versionId?: string; reason?: string; version?: string; values?: AssumptionEditRow['values'] };
    if (row.action === AUDITED.assumptions) {
      const at = row.target.indexOf('#');
      if (details.values === undefined || at <= 0) continue;
      await records.setAssumptions({ tenantId: row.tenant_id, opportunityId: row.target, sopId: row.target.slice(0, at), values: details.values, by: row.actor, at: row.at });
      continue;
    }
    if (details.candidateId === undefined) continue;
    const approved = row.action === AUDITED.approve;
    await records.decideCandidate({
      tenantId: row.tenant_id, sopId: row.target, candidateId: details.candidateId, versionId: details.versionId ?? '', status: approved ? 'approved' : 'rejected',
      by: row.actor, at: row.at, reason: details.reason ?? null, draftVersionId: approved ? details.version ?? null : null,
    });
  }
}
