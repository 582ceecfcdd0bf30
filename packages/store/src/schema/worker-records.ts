import type { Kysely } from 'kysely';
import type { WorkQueue } from '@sopflow/engine';
import type { StoreDatabase } from './database.js';

/** The worker heartbeat half of WorkQueue, written once over kysely for SQLite and PostgreSQL (single statements). */
export function createWorkerRecords(db: Kysely<StoreDatabase>): Pick<WorkQueue, 'recordWorker' | 'removeWorker' | 'listWorkers'> {
  return {
    async recordWorker(worker) {
      const row = { owner: worker.owner, host: worker.host, pid: worker.pid, queues: JSON.stringify(worker.queues), expires_at: worker.expiresAt };
      await db.insertInto('workers').values(row)
        .onConflict((c) => c.column('owner').doUpdateSet({ host: row.host, pid: row.pid, queues: row.queues, expires_at: row.expires_at }))
        .execute();
    },
    async removeWorker(owner) {
      await db.deleteFrom('workers').where('owner', '=', owner).execute();
    },
    async listWorkers() {
      const rows = await db.selectFrom('workers').selectAll().orderBy('owner').execute();
      return rows.map((r) => ({ owner: r.owner, host: r.host, pid: Number(r.pid), queues: JSON.parse(r.queues) as string[], expiresAt: Number(r.expires_at) }));
    },
  };
}
