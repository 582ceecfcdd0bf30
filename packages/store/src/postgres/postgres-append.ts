import type pg from 'pg';
import type { AppendOutcome, AppendRequest } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { chainAppend, type StoredRunHead } from '../audit/chain-append.js';
import { fromTaskRow } from '../schema/row-mapping.js';
import { headAfter, type HeldHeads } from './append-on-held-head.js';
import type { HeldAppendBatcher } from './held-append-batcher.js';
import { inTransaction, isRetryable } from './in-transaction.js';
import { FENCE, upsertLease } from './postgres-leases.js';

/** Named (prepared once per connection) statements of the append path. */
const HEAD = { name: 'sopflow_run_head', text: 'SELECT version, last_hash, status, ended_at, runnable, queue, workflow_hash, chain_scheme FROM runs WHERE id = $1 FOR UPDATE' };
// An append under a lease reads the head and its fence in one round trip: the run row locked first, then the lease row shared
// (as HEAD then FENCE would). No row (no run, or no lease) falls back to the two statements, which tell those apart.
const HEAD_AND_FENCE = {
  name: 'sopflow_run_head_fence',
  text: `SELECT r.version, r.last_hash, r.status, r.ended_at, r.runnable, r.queue, r.workflow_hash, r.chain_scheme, l.owner AS lease_owner, l.epoch AS lease_epoch
    FROM runs r JOIN leases l ON l.run_id = r.id WHERE r.id = $1 FOR UPDATE OF r FOR SHARE OF l`,
};
// Two appends creating the same run serialise here (the run row does not exist yet, so there is no row to lock).
const LOCK_NEW_RUN = { name: 'sopflow_lock_new_run', text: "SELECT pg_advisory_xact_lock(hashtext('sopflow.run'), hashtext($1))" };
const INSERT_WORKFLOW = { name: 'sopflow_insert_workflow', text: 'INSERT INTO workflows (hash, workflow_id, text, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (hash) DO NOTHING' };
const UPSERT_RUN = {
  name: 'sopflow_upsert_run',
  text: `INSERT INTO runs (id, workflow_id, workflow_hash, status, parent_run_id, started_at, ended_at, runnable, queue, version, last_hash, chain_scheme, head_mac)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
    ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, ended_at = EXCLUDED.ended_at, runnable = EXCLUDED.runnable, queue = EXCLUDED.queue,
      version = EXCLUDED.version, last_hash = EXCLUDED.last_hash, head_mac = EXCLUDED.head_mac`,
};
// Most appends only move the chain head: leave the indexed columns alone when they do not change.
const ADVANCE_RUN = { name: 'sopflow_advance_run', text: 'UPDATE runs SET version = $1, last_hash = $2, head_mac = $3 WHERE id = $4' };
const DELETE_TIMER = { name: 'sopflow_delete_timer', text: 'DELETE FROM timers WHERE id = $1' };
const UPSERT_TIMER = {
  name: 'sopflow_upsert_timer',
  text: `INSERT INTO timers (id, run_id, due_at, purpose, data) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (id) DO UPDATE SET run_id = EXCLUDED.run_id, due_at = EXCLUDED.due_at, purpose = EXCLUDED.purpose, data = EXCLUDED.data`,
};
const TASK_COLUMNS = ['id', 'run_id', 'node_id', 'kind', 'status', 'role', 'assignee', 'reason', 'title', 'form', 'due_at', 'created_at', 'completed_at', 'completed_by', 'result'] as const;
const UPSERT_TASK = {
  name: 'sopflow_upsert_task',
  text: `INSERT INTO tasks (${TASK_COLUMNS.join(', ')}) VALUES (${TASK_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (id) DO UPDATE SET ${TASK_COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
};
const WAKE_RUN = { name: 'sopflow_wake_run', text: "UPDATE runs SET runnable = 1 WHERE id = $1 AND status IN ('running', 'waiting')" };
// Delivered at commit, to idle workers LISTENing on the store's channel.
const NOTIFY_WORK = { name: 'sopflow_notify_work', text: 'SELECT pg_notify($1, $2)' };
const RELEASE_LEASE = { name: 'sopflow_release_lease', text: 'DELETE FROM leases WHERE run_id = $1 AND owner = $2' };

/** The INSERT of `count` event rows, its parameters from `$first` on. */
function eventRows(count: number, first = 1): string {
  const rows = Array.from({ length: count }, (_, i) => `(${Array.from({ length: 7 }, (_, k) => `$${first + i * 7 + k}`).join(', ')})`);
  return `INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash) VALUES ${rows.join(', ')}`;
}

function insertEvents(count: number): { name: string; text: string } {
  return { name: `sopflow_insert_events_${count}`, text: eventRows(count) };
}

/** ADVANCE_RUN and the events' INSERT as one statement (one round trip): the common append of a step under way. */
function advanceAndInsert(count: number): { name: string; text: string } {
  return { name: `sopflow_advance_insert_${count}`, text: `WITH advanced AS (${ADVANCE_RUN.text}) ${eventRows(count, 5)}` };
}

/**
 * One decision: any plain fenced append — a step under way, or the run's last append, which drops the lease — as one
 * statement (shared with other runs' appends ready at the same time) against the head this store's previous append under
 * the lease left (`held`), else — or when that head is no longer the stored one — in a transaction (`appendInTransaction`).
 */
export async function appendToPostgres(pool: pg.Pool, label: string, request: AppendRequest, auditKey: AuditKey | undefined, channel: string, heads: HeldHeads, held: HeldAppendBatcher): Promise<AppendOutcome> {
  try {
    const quick = await held.append(request);
    if (quick !== undefined) return quick;
  } catch (error) {
    // A deadlock or serialization failure rolled the statement back: the transaction tries again.
    if (!isRetryable(error)) throw error;
  }
  const { outcome, head } = await inTransaction(pool, label, (client) => appendInTransaction(client, request, auditKey, channel));
  heads.settle(request, outcome, head);
  return outcome;
}

/**
 * One decision in the caller's transaction: locks the run row (`FOR UPDATE`), refuses a stale
 * `expectedVersion` before writing anything, then writes the workflow (once per hash), the run
 * row with its head MAC, the chained events, timers, tasks, the wake of a parent and the lease.
 * Gives the outcome and, when it wrote, the run's head after it.
 */
export async function appendInTransaction(client: pg.PoolClient, request: AppendRequest, auditKey: AuditKey | undefined, channel?: string): Promise<{ outcome: AppendOutcome; head?: StoredRunHead }> {
  const fenced = request.fence === undefined ? undefined
    : (await client.query<StoredRunHead & { lease_owner: string; lease_epoch: string }>({ ...HEAD_AND_FENCE, values: [request.runId] })).rows[0];
  let current: StoredRunHead | undefined = fenced ?? (await client.query<StoredRunHead>({ ...HEAD, values: [request.runId] })).rows[0];
  if (current === undefined && request.expectedVersion === 0) {
    await client.query({ ...LOCK_NEW_RUN, values: [request.runId] });
    current = (await client.query<StoredRunHead>({ ...HEAD, values: [request.runId] })).rows[0];
  }
  const version = current === undefined ? 0 : Number(current.version);
  if (version !== request.expectedVersion) return { outcome: { ok: false, reason: 'conflict', actualVersion: version } };
  if (request.fence !== undefined) {
    const lease = fenced === undefined ? (await client.query<{ owner: string; epoch: string }>({ ...FENCE, values: [request.runId] })).rows[0]
      : { owner: fenced.lease_owner, epoch: fenced.lease_epoch };
    if (lease === undefined || lease.owner !== request.fence.owner || Number(lease.epoch) !== request.fence.epoch) return { outcome: { ok: false, reason: 'fenced', actualVersion: version } };
  }
  const chained = chainAppend(current, request, auditKey);
  if (request.workflow !== undefined) {
    await client.query({ ...INSERT_WORKFLOW, values: [request.workflow.hash, request.workflow.workflowId, request.workflow.text, request.run.startedAt] });
  }
  const run = request.run;
  const [first, ...rest] = chained.eventBatches;
  const advance = [chained.version, chained.lastHash, chained.headMac, run.id];
  if (chained.headOnly && first !== undefined) {
    await client.query({ ...advanceAndInsert(first.length / 7), values: [...advance, ...first] });
  } else if (chained.headOnly) {
    await client.query({ ...ADVANCE_RUN, values: advance });
  } else {
    await client.query({
      ...UPSERT_RUN,
      values: [run.id, run.workflowId, run.workflowHash, run.status, run.parentRunId ?? null, run.startedAt, chained.endedAt, chained.runnable, chained.queue, chained.version, chained.lastHash, chained.scheme, chained.headMac],
    });
  }
  for (const batch of chained.headOnly ? rest : chained.eventBatches) await client.query({ ...insertEvents(batch.length / 7), values: batch });
  for (const id of request.timersRemoved ?? []) await client.query({ ...DELETE_TIMER, values: [id] });
  for (const t of request.timersAdded ?? []) {
    await client.query({ ...UPSERT_TIMER, values: [t.id, t.runId, t.dueAt, t.purpose, t.data === undefined ? null : JSON.stringify(t.data)] });
  }
  for (const task of request.tasksUpserted ?? []) {
    const row = fromTaskRow(task);
    await client.query({ ...UPSERT_TASK, values: TASK_COLUMNS.map((c) => row[c]) });
  }
  if (request.wake !== undefined) await client.query({ ...WAKE_RUN, values: [request.wake] });
  if (request.lease !== undefined) await upsertLease(client, request.runId, request.lease.holder, request.lease.expiresAtMs);
  if (request.releaseLease !== undefined) await client.query({ ...RELEASE_LEASE, values: [request.runId, request.releaseLease] });
  // Work for another worker: a runnable run (a task completed, a signal came, a run was started detached), a new timer, a woken parent.
  // An append made under the run's lease (its first, or fenced) is the holder's own work: it notifies no one, since a
  // NOTIFY serialises every committing notifier on one server-wide lock and wakes every idle worker; the holder's
  // release notifies if work is left, and a lapsed lease is found by the idle workers' next-expiry wake.
  const underLease = request.lease !== undefined || request.fence !== undefined;
  const forOthers = !underLease && (run.runnable || (request.timersAdded?.length ?? 0) > 0);
  if (channel !== undefined && (forOthers || request.wake !== undefined)) {
    await client.query({ ...NOTIFY_WORK, values: [channel, request.runId] });
  }
  return { outcome: { ok: true, version: chained.version }, head: headAfter(current, request, chained) };
}
