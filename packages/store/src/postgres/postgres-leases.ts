import type pg from 'pg';
import { DEFAULT_QUEUE, type ChildProcessRef, type LeaseHolder, type LeaseRow, type WorkQueue } from '@sopflow/engine';
import { nextLeaseEpoch } from '../lease-epoch.js';
import type { StoredRunHead } from '../audit/chain-append.js';
import type { HeldHeads } from './append-on-held-head.js';
import { inTransaction } from './in-transaction.js';

interface LeaseRecord { run_id: string; owner: string; expires_at: string | number; host: string; pid: number; process_started_at: string | number; children: string | null; epoch: string | number }

function toLeaseRow(row: LeaseRecord): LeaseRow {
  return {
    runId: row.run_id, owner: row.owner, host: row.host, pid: Number(row.pid), processStartedAt: Number(row.process_started_at),
    expiresAt: Number(row.expires_at), children: row.children === null ? [] : JSON.parse(row.children) as ChildProcessRef[], epoch: Number(row.epoch),
  };
}

// Children: replaced when given; else kept for the same owner and cleared for a new one.
const LEASE_COLUMNS = `owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, host = EXCLUDED.host, pid = EXCLUDED.pid,
  process_started_at = EXCLUDED.process_started_at,
  epoch = CASE WHEN leases.owner = EXCLUDED.owner THEN leases.epoch ELSE GREATEST(leases.epoch + 1, EXCLUDED.epoch) END,
  children = CASE WHEN EXCLUDED.children IS NOT NULL THEN EXCLUDED.children WHEN leases.owner = EXCLUDED.owner THEN leases.children ELSE NULL END`;
const UPSERT_LEASE = {
  name: 'sopflow_upsert_lease',
  text: `INSERT INTO leases (run_id, owner, expires_at, host, pid, process_started_at, children, epoch) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
    ON CONFLICT (run_id) DO UPDATE SET ${LEASE_COLUMNS}`,
};
// The lease row decides: it is taken only if absent, ours, or expired, checked against the latest committed row.
const TAKE_LEASE = {
  name: 'sopflow_take_lease',
  text: `INSERT INTO leases (run_id, owner, expires_at, host, pid, process_started_at, children, epoch) VALUES ($1, $2, $3, $4, $5, $6, $7, $9)
    ON CONFLICT (run_id) DO UPDATE SET ${LEASE_COLUMNS}
    WHERE leases.owner = EXCLUDED.owner OR leases.expires_at <= $8 RETURNING run_id`,
};
// Runs runnable on one of the worker's queues, or with a due timer, not skipped, whose lease is absent, ours or expired;
// rows another worker is claiming are skipped. The candidates come from the two indexes (runs_runnable_queue, timers_due)
// through a UNION, so a claim does not scan every run ever made. Their leases are taken in the same statement by an upsert
// whose WHERE re-checks the latest lease row, so a run is never leased to two owners at once; it returns each run taken
// with its head as locked (the claim's candidates' rows stay locked until it commits), in claim order.
const CLAIM = {
  name: 'sopflow_claim',
  text: `WITH candidates AS MATERIALIZED (SELECT r.id, r.started_at, r.version, r.last_hash, r.status, r.ended_at, r.runnable, r.queue, r.workflow_hash,
        r.chain_scheme FROM runs r LEFT JOIN leases l ON l.run_id = r.id
      WHERE r.id IN (SELECT id FROM runs WHERE runnable = 1 AND queue = ANY($5::text[]) UNION SELECT run_id FROM timers WHERE due_at <= $1)
        AND r.id <> ALL($6::text[])
        AND (l.run_id IS NULL OR l.owner = $2 OR l.expires_at <= $3)
      ORDER BY r.started_at, r.id COLLATE "C" LIMIT $4
      FOR UPDATE OF r SKIP LOCKED),
    taken AS (INSERT INTO leases (run_id, owner, expires_at, host, pid, process_started_at, children, epoch)
      SELECT id, $2, $7, $8, $9, $10, NULL, $11 FROM candidates
      ON CONFLICT (run_id) DO UPDATE SET ${LEASE_COLUMNS}
      WHERE leases.owner = EXCLUDED.owner OR leases.expires_at <= $3 RETURNING run_id)
    SELECT c.id, c.version, c.last_hash, c.status, c.ended_at, c.runnable, c.queue, c.workflow_hash, c.chain_scheme
    FROM candidates c JOIN taken t ON t.run_id = c.id ORDER BY c.started_at, c.id COLLATE "C"`,
};
/** The lease an append's fence is checked against; FOR SHARE so a grant to another owner waits for the append to commit. */
export const FENCE = { name: 'sopflow_fence', text: 'SELECT owner, epoch FROM leases WHERE run_id = $1 FOR SHARE' };
const DELETE_LEASE = { name: 'sopflow_delete_lease', text: 'DELETE FROM leases WHERE run_id = $1 AND owner = $2' };
// A run let go with work left (a drain, a lost run) wakes the idle workers.
const RELEASE_AND_NOTIFY = {
  name: 'sopflow_release_and_notify',
  text: `WITH released AS (DELETE FROM leases WHERE run_id = $1 AND owner = $2 RETURNING run_id)
    SELECT pg_notify($3, r.id) FROM released JOIN runs r ON r.id = released.run_id
    WHERE r.runnable = 1 OR EXISTS (SELECT 1 FROM timers t WHERE t.run_id = r.id)`,
};
const ALL_LEASES = { name: 'sopflow_all_leases', text: 'SELECT * FROM leases ORDER BY run_id COLLATE "C"' };
const SOME_LEASES = { name: 'sopflow_some_leases', text: 'SELECT * FROM leases WHERE run_id = ANY($1::text[])' };

/** Takes (or extends) a run's lease whoever holds it, in the caller's transaction (an append that starts a run here). */
export async function upsertLease(client: pg.PoolClient, runId: string, holder: LeaseHolder, expiresAt: number, children?: readonly ChildProcessRef[]): Promise<void> {
  await client.query({
    ...UPSERT_LEASE,
    values: [runId, holder.owner, expiresAt, holder.host, holder.pid, Math.round(holder.processStartedAt), children === undefined ? null : JSON.stringify(children), nextLeaseEpoch()],
  });
}

type LeaseMethods = Pick<WorkQueue, 'claimRuns' | 'acquireLease' | 'releaseLease' | 'listLeases' | 'breakLease'>;

/**
 * The lease half of WorkQueue on PostgreSQL. `claimRuns` picks candidates with `FOR UPDATE SKIP
 * LOCKED` (workers claiming at once take different runs) and takes their leases in the same statement (`CLAIM`); the
 * heads it read go to `heads`, so the first append under the new lease can be the one statement that checks them.
 */
export function createPostgresLeases(pool: pg.Pool, label: string, channel: string, heads: HeldHeads): LeaseMethods {
  return {
    async claimRuns(holder, now, ttlMs, limit, scope = {}) {
      const nowMs = now.getTime();
      const values = [now.toISOString(), holder.owner, nowMs, limit, scope.queues ?? [DEFAULT_QUEUE], scope.skip ?? [],
        nowMs + ttlMs, holder.host, holder.pid, Math.round(holder.processStartedAt), nextLeaseEpoch(nowMs)];
      const taken = await pool.query<StoredRunHead & { id: string }>({ ...CLAIM, values });
      for (const { id, ...head } of taken.rows) heads.hold(id, head);
      return taken.rows.map((row) => row.id);
    },
    async acquireLease(runId, holder, now, ttlMs, children) {
      const nowMs = now.getTime();
      return inTransaction(pool, label, async (client) => {
        const taken = await client.query({
          ...TAKE_LEASE,
          values: [runId, holder.owner, nowMs + ttlMs, holder.host, holder.pid, Math.round(holder.processStartedAt), children === undefined ? null : JSON.stringify(children), nowMs, nextLeaseEpoch(nowMs)],
        });
        return (taken.rowCount ?? 0) > 0;
      });
    },
    async releaseLease(runId, owner) {
      await pool.query({ ...RELEASE_AND_NOTIFY, values: [runId, owner, channel] });
    },
    async listLeases(runIds) {
      if (runIds === undefined) return (await pool.query<LeaseRecord>(ALL_LEASES)).rows.map(toLeaseRow);
      const rows = new Map((await pool.query<LeaseRecord>({ ...SOME_LEASES, values: [[...runIds]] })).rows.map((r) => [r.run_id, r]));
      return runIds.flatMap((id) => { const row = rows.get(id); return row === undefined ? [] : [toLeaseRow(row)]; });
    },
    async breakLease(runId, owner) {
      return ((await pool.query({ ...DELETE_LEASE, values: [runId, owner] })).rowCount ?? 0) > 0;
    },
  };
}
