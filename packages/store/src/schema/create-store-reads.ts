import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { RunStore } from '@sopflow/engine';
import type { StoreDatabase } from './database.js';
import { toRunSummary, toStoredEvent, toTaskRow, toTimerRow } from './row-mapping.js';

/** The store reads that are plain queries, the same SQL in every dialect. */
export type StoreReads = Pick<RunStore, 'readEvents' | 'readWorkflow' | 'getRun' | 'listRuns' | 'getTask' | 'listTasks' | 'dueTimers'>;

/** How a dialect orders a text column (PostgreSQL: bytewise, as SQLite orders it, whatever the collation). */
export type OrderText = (column: 'started_at' | 'created_at' | 'due_at' | 'id') => RawBuilder<unknown>;

/**
 * The kysely reads shared by the SQLite and PostgreSQL stores; `orderText` wraps each text column
 * the reads order or compare by (identity for SQLite).
 */
export function createStoreReads(db: Kysely<StoreDatabase>, orderText: OrderText = (column) => sql.ref(column)): StoreReads {
  return {
    async readEvents(runId, afterSeq = 0) {
      const rows = await db.selectFrom('events').selectAll().where('run_id', '=', runId).where('seq', '>', afterSeq).orderBy('seq').execute();
      return rows.map(toStoredEvent);
    },
    async readWorkflow(hash) {
      const row = await db.selectFrom('workflows').select('text').where('hash', '=', hash).executeTakeFirst();
      return row?.text;
    },
    async getRun(runId) {
      const row = await db.selectFrom('runs').selectAll().where('id', '=', runId).executeTakeFirst();
      return row === undefined ? undefined : toRunSummary(row);
    },
    async listRuns(filter) {
      let query = db.selectFrom('runs').selectAll().orderBy(orderText('started_at')).orderBy(orderText('id'));
      if (filter?.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter?.parentRunId !== undefined) query = query.where('parent_run_id', '=', filter.parentRunId);
      if (filter?.limit !== undefined) query = query.limit(filter.limit);
      return (await query.execute()).map(toRunSummary);
    },
    async getTask(taskId) {
      const row = await db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
      return row === undefined ? undefined : toTaskRow(row);
    },
    async listTasks(filter) {
      let query = db.selectFrom('tasks').selectAll().orderBy(orderText('created_at')).orderBy(orderText('id'));
      if (filter?.status !== undefined) query = query.where('status', '=', filter.status);
      if (filter?.role !== undefined) query = query.where('role', '=', filter.role);
      if (filter?.runId !== undefined) query = query.where('run_id', '=', filter.runId);
      return (await query.execute()).map(toTaskRow);
    },
    async dueTimers(runId, now) {
      const rows = await db.selectFrom('timers').selectAll().where('run_id', '=', runId).where(orderText('due_at'), '<=', now.toISOString())
        .orderBy(orderText('due_at')).execute();
      return rows.map(toTimerRow);
    },
  };
}
