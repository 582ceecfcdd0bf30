import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { verifyChain } from '../audit/verify-chain.js';
import type { AuditReport, RunFilter, StoredEvent, TaskFilter } from '@sopflow/engine';
import type { RunStore } from '@sopflow/engine';
import type { StoreDatabase } from '../schema/database.js';
import { storeMigrations } from '../schema/migrations.js';
import { toRunSummary, toTaskRow, toTimerRow } from '../schema/row-mapping.js';
import { StoreError } from '../store-error.js';
import { openSqliteDatabase, type SqliteOptions } from './open-sqlite-database.js';
import { createSqliteWriter } from './sqlite-writer.js';

/**
 * The SQLite store: kysely for the schema and every read (the same code serves PostgreSQL), and
 * prepared better-sqlite3 statements in BEGIN IMMEDIATE transactions for appends and leases.
 * @example const store = await createSqliteStore('.sopflow/sopflow.db');
 */
export async function createSqliteStore(file: string, options: SqliteOptions = {}): Promise<RunStore> {
  const sqlite = openSqliteDatabase(file, options);
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  const { error } = await new Migrator({ db, provider: storeMigrations }).migrateToLatest();
  if (error !== undefined) {
    await db.destroy();
    const message = (error as Error).message ?? String(error);
    if (/not a database|malformed|corrupt/i.test(message)) throw new StoreError('corrupt_database', `${file} is not a usable sopflow database (${message})`);
    throw new StoreError('migration_failed', `cannot prepare ${file}: ${message}`);
  }
  const writer = createSqliteWriter(sqlite);

  async function readChain(runId: string) {
    return db.selectFrom('events').select(['seq', 'type', 'at', 'data', 'prev_hash', 'hash'])
      .where('run_id', '=', runId).orderBy('seq').execute();
  }

  return {
    async append(request) {
      return writer.append(request);
    },
    async readEvents(runId, afterSeq = 0): Promise<StoredEvent[]> {
      const rows = await db.selectFrom('events').selectAll().where('run_id', '=', runId).where('seq', '>', afterSeq).orderBy('seq').execute();
      return rows.map((r) => ({ runId: r.run_id, seq: Number(r.seq), type: r.type, at: r.at, data: JSON.parse(r.data), prevHash: r.prev_hash, hash: r.hash }));
    },
    async readWorkflow(hash) {
      const row = await db.selectFrom('workflows').select('text').where('hash', '=', hash).executeTakeFirst();
      return row?.text;
    },
    async getRun(runId) {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
      return row === undefined ? undefined : toRunSummary(row);
    },
    async listRuns(filter?: RunFilter) {
      let query = db.selectFrom('runs').selectAll().orderBy('started_at').orderBy('id');
      if (filter?.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter?.parentRunId !== undefined) query = query.where('parent_run_id', '=', filter.parentRunId);
      if (filter?.limit !== undefined) query = query.limit(filter.limit);
      return (await query.execute()).map(toRunSummary);
    },
    async getTask(taskId) {
      const row = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
      return row === undefined ? undefined : toTaskRow(row);
    },
    async listTasks(filter?: TaskFilter) {
      let query = db.selectFrom('tasks').selectAll().orderBy('created_at').orderBy('id');
      if (filter?.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter?.role !== undefined) query = query.where('role', '=', filter.role);
      if (filter?.runId !== undefined) query = query.where('run_id', '=', filter.runId);
      return (await query.execute()).map(toTaskRow);
    },
    async claimRuns(owner, now, ttlMs, limit) {
      return writer.claimRuns(owner, now.getTime(), now.toISOString(), ttlMs, limit);
    },
    async acquireLease(runId, owner, now, ttlMs) {
      return writer.acquireLease(runId, owner, now.getTime(), ttlMs);
    },
    async releaseLease(runId, owner) {
      writer.releaseLease(runId, owner);
    },
    async dueTimers(runId, now) {
      const rows = await db.selectFrom('timers').selectAll().where('run_id', '=', runId).where('due_at', '<=', now.toISOString()).orderBy('due_at').execute();
      return rows.map(toTimerRow);
    },
    async verifyAuditChain(runId?: string): Promise<AuditReport> {
      let runsQuery = db.selectFrom('runs').select(['id', 'version', 'last_hash']).orderBy('started_at').orderBy('id');
      if (runId !== undefined) runsQuery = runsQuery.where('id', '=', runId);
      const runs = await runsQuery.execute();
      const report: AuditReport = { ok: true, runsChecked: 0, eventsChecked: 0, breaks: [] };
      for (const run of runs) {
        const rows = await readChain(run.id);
        report.runsChecked += 1;
        report.eventsChecked += rows.length;
        const broken = verifyChain(run.id, rows.map((r) => ({ seq: Number(r.seq), type: r.type, at: r.at, dataJson: r.data, prevHash: r.prev_hash, hash: r.hash })), Number(run.version), run.last_hash);
        if (broken !== undefined) report.breaks.push(broken);
      }
      // Events whose run row is gone are an insertion (or the run row was deleted).
      let orphans = db.selectFrom('events').select(['run_id']).distinct().where('run_id', 'not in', db.selectFrom('runs').select('id'));
      if (runId !== undefined) orphans = orphans.where('run_id', '=', runId);
      for (const orphan of await orphans.execute()) {
        report.breaks.push({ runId: orphan.run_id, seq: 1, problem: 'inserted', message: `events exist for run ${orphan.run_id}, which has no run record` });
      }
      report.ok = report.breaks.length === 0;
      return report;
    },
    async close() {
      await db.destroy();
    },
  };
}
