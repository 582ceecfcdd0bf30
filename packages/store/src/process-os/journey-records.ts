import type { Kysely } from 'kysely';
import type { ProcessOsDatabase } from './process-os-database.js';

/** A tenant's journey key: public (a site embeds it), it only routes events to the tenant; `origins` empty = any origin. */
export interface JourneyKeyRow { key: string; tenantId: string; origins: string[]; createdBy: string; createdAt: string; revokedAt: string | null }

/**
 * One step a visitor (person or agent) took in a session. Deliberately nothing that identifies a
 * person: no IP address, no user agent, no cookie — a random session id the client made.
 */
export interface JourneyEventRow {
  id: string; tenantId: string; sessionId: string; step: string; at: string;
  /** A business outcome the site reported with the step ("converted"), else null. */
  outcome: string | null;
  /** The agent's name when the request carried the agent header, else null (a person). */
  agent: string | null;
  receivedAt: string;
}

/** Journey keys and events (migration 0008); every read of events takes the tenant id. */
export interface JourneyRecords {
  insertKey(row: JourneyKeyRow): Promise<void>;
  /** The key's row whatever its tenant (the key is what routes an event), or undefined. */
  findKey(key: string): Promise<JourneyKeyRow | undefined>;
  listKeys(tenantId: string): Promise<JourneyKeyRow[]>;
  /** Marks the tenant's key revoked at `at` unless it already is; true when this call revoked it. */
  revokeKey(tenantId: string, key: string, at: string): Promise<boolean>;
  insertEvents(rows: readonly JourneyEventRow[]): Promise<void>;
  /** The tenant's events of the sessions with an event at or after `since` (ISO), ordered by session, time and arrival; at most `limit`. */
  listEvents(tenantId: string, query: { since?: string; limit: number }): Promise<JourneyEventRow[]>;
}

type Db = Kysely<ProcessOsDatabase>;

/** Journey keys and events over kysely: one code base for SQLite and PostgreSQL. */
export function createJourneyRecords(db: Db): JourneyRecords {
  return {
    async insertKey(row) {
      await db.insertInto('journey_keys').values({
        key: row.key, tenant_id: row.tenantId, origins: JSON.stringify(row.origins), created_by: row.createdBy, created_at: row.createdAt, revoked_at: row.revokedAt,
      }).execute();
    },
    async findKey(key) {
      const row = await db.selectFrom('journey_keys').selectAll().where('key', '=', key).executeTakeFirst();
      return row === undefined ? undefined : toKey(row);
    },
    async listKeys(tenantId) {
      return (await db.selectFrom('journey_keys').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').execute()).map(toKey);
    },
    async revokeKey(tenantId, key, at) {
      const result = await db.updateTable('journey_keys').set({ revoked_at: at })
        .where('tenant_id', '=', tenantId).where('key', '=', key).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async insertEvents(rows) {
      if (rows.length === 0) return;
      await db.insertInto('journey_events').values(rows.map((r) => ({
        id: r.id, tenant_id: r.tenantId, session_id: r.sessionId, step: r.step, at: r.at, outcome: r.outcome, agent: r.agent, received_at: r.receivedAt,
      }))).execute();
    },
    async listEvents(tenantId, query) {
      let select = db.selectFrom('journey_events').selectAll().where('tenant_id', '=', tenantId);
      // Whole sessions: every event of a session that has one at or after `since`.
      if (query.since !== undefined) {
        const since = query.since;
        select = select.where('session_id', 'in', db.selectFrom('journey_events').select('session_id').where('tenant_id', '=', tenantId).where('at', '>=', since));
      }
      const rows = await select.orderBy('session_id').orderBy('at').orderBy('id').limit(query.limit).execute();
      return rows.map((r) => ({
        id: r.id, tenantId: r.tenant_id, sessionId: r.session_id, step: r.step, at: r.at, outcome: r.outcome, agent: r.agent, receivedAt: r.received_at,
      }));
    },
  };
}

function toKey(row: ProcessOsDatabase['journey_keys']): JourneyKeyRow {
  return { key: row.key, tenantId: row.tenant_id, origins: JSON.parse(row.origins) as string[], createdBy: row.created_by, createdAt: row.created_at, revokedAt: row.revoked_at };
}

/** Migration 0008: journey keys, and journey events (no column for an address, a user agent or a cookie). */
export async function createJourneyTables(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('journey_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('origins', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createTable('journey_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('agent', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journey_events_tenant_session').on('journey_events').columns(['tenant_id', 'session_id', 'at']).execute();
  await db.schema.createIndex('journey_events_tenant_at').on('journey_events').columns(['tenant_id', 'at']).execute();
}
