import type Database from 'better-sqlite3';
import type { AuditKey } from '../audit/audit-key.js';
import { chainAppend, type StoredRunHead } from '../audit/chain-append.js';
import { DEFAULT_QUEUE, type AppendOutcome, type AppendRequest, type ChildProcessRef, type ClaimScope, type LeaseHolder, type LeaseRow } from '@sopflow/engine';
import { fromTaskRow } from '../schema/row-mapping.js';
import { nextLeaseEpoch } from '../lease-epoch.js';

/** The SQLite write path: prepared statements in one BEGIN IMMEDIATE transaction per call. */
export interface SqliteWriter {
  append(request: AppendRequest): AppendOutcome;
  claimRuns(holder: LeaseHolder, nowMs: number, nowIso: string, ttlMs: number, limit: number, scope?: ClaimScope): string[];
  acquireLease(runId: string, holder: LeaseHolder, nowMs: number, ttlMs: number, children?: readonly ChildProcessRef[]): boolean;
  releaseLease(runId: string, owner: string): void;
  listLeases(runIds?: readonly string[]): LeaseRow[];
  breakLease(runId: string, owner: string): boolean;
}

interface LeaseRecord { run_id: string; owner: string; expires_at: number; host: string; pid: number; process_started_at: number; children: string | null; epoch: number }

function toLeaseRow(row: LeaseRecord): LeaseRow {
  return {
    runId: row.run_id, owner: row.owner, host: row.host, pid: Number(row.pid), processStartedAt: Number(row.process_started_at),
    expiresAt: Number(row.expires_at), children: row.children === null ? [] : JSON.parse(row.children) as ChildProcessRef[], epoch: Number(row.epoch),
  };
}

/**
 * Prepares the statements once; the hot path (append) does no query compilation. With `auditKey`,
 * new runs get HMAC chains and every append stores the run's head MAC.
 */
export function createSqliteWriter(db: Database.Database, auditKey?: AuditKey): SqliteWriter {
  const head = db.prepare<[string], StoredRunHead>('SELECT version, last_hash, status, ended_at, runnable, queue, workflow_hash, chain_scheme FROM runs WHERE id = ?');
  const insertWorkflow = db.prepare('INSERT OR IGNORE INTO workflows (hash, workflow_id, text, created_at) VALUES (?, ?, ?, ?)');
  const upsertRun = db.prepare(`INSERT INTO runs (id, workflow_id, workflow_hash, status, parent_run_id, started_at, ended_at, runnable, queue, version, last_hash, chain_scheme, head_mac)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(id) DO UPDATE SET status = excluded.status, ended_at = excluded.ended_at, runnable = excluded.runnable, queue = excluded.queue,
      version = excluded.version, last_hash = excluded.last_hash, head_mac = excluded.head_mac`);
  // Most appends only move the chain head: leave the indexed columns alone when they do not change.
  const advanceRun = db.prepare('UPDATE runs SET version = ?, last_hash = ?, head_mac = ? WHERE id = ?');
  // One INSERT per batch size (a decision usually writes 1–4 events): fewer statement steps per commit.
  const insertEvents = new Map<number, Database.Statement>();
  const insertEventsOf = (count: number): Database.Statement => {
    let statement = insertEvents.get(count);
    if (statement === undefined) {
      statement = db.prepare(`INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash) VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
      insertEvents.set(count, statement);
    }
    return statement;
  };
  const insertTimer = db.prepare('INSERT OR REPLACE INTO timers (id, run_id, due_at, purpose, data) VALUES (?, ?, ?, ?, ?)');
  const deleteTimer = db.prepare('DELETE FROM timers WHERE id = ?');
  const upsertTask = db.prepare(`INSERT OR REPLACE INTO tasks (id, run_id, node_id, kind, status, role, assignee, reason, title, form, due_at, created_at, completed_at, completed_by, result)
    VALUES (@id, @run_id, @node_id, @kind, @status, @role, @assignee, @reason, @title, @form, @due_at, @created_at, @completed_at, @completed_by, @result)`);
  // Runnable on one of the worker's queues (JSON array), or with a due timer; not skipped (JSON array); lease absent, ours or expired.
  const claimable = db.prepare<[string, string, string, string, number, number], { id: string }>(`SELECT r.id FROM runs r LEFT JOIN leases l ON l.run_id = r.id
    WHERE ((r.runnable = 1 AND r.queue IN (SELECT value FROM json_each(?))) OR EXISTS (SELECT 1 FROM timers t WHERE t.run_id = r.id AND t.due_at <= ?))
      AND r.id NOT IN (SELECT value FROM json_each(?))
      AND (l.run_id IS NULL OR l.owner = ? OR l.expires_at <= ?)
    ORDER BY r.started_at LIMIT ?`);
  const leaseOf = db.prepare<[string], { owner: string; expires_at: number }>('SELECT owner, expires_at FROM leases WHERE run_id = ?');
  // Children: replaced when given; else kept for the same owner and cleared for a new one.
  // Epoch: kept by the same owner's renewals; a new owner's grant gets a higher one (its grant time, or the last + 1).
  const upsertLeaseStatement = db.prepare(`INSERT INTO leases (run_id, owner, expires_at, host, pid, process_started_at, children, epoch) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(run_id) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at, host = excluded.host, pid = excluded.pid,
      process_started_at = excluded.process_started_at,
      epoch = CASE WHEN leases.owner = excluded.owner THEN leases.epoch ELSE MAX(leases.epoch + 1, excluded.epoch) END,
      children = CASE WHEN excluded.children IS NOT NULL THEN excluded.children WHEN leases.owner = excluded.owner THEN leases.children ELSE NULL END`);
  const upsertLease = (runId: string, holder: LeaseHolder, expiresAt: number, children?: readonly ChildProcessRef[], nowMs?: number) =>
    upsertLeaseStatement.run(runId, holder.owner, expiresAt, holder.host, holder.pid, Math.round(holder.processStartedAt), children === undefined ? null : JSON.stringify(children), nextLeaseEpoch(nowMs));
  const fenceOf = db.prepare<[string], { owner: string; epoch: number }>('SELECT owner, epoch FROM leases WHERE run_id = ?');
  const allLeases = db.prepare<[], LeaseRecord>('SELECT * FROM leases ORDER BY run_id');
  const oneLease = db.prepare<[string], LeaseRecord>('SELECT * FROM leases WHERE run_id = ?');
  const wakeRun = db.prepare("UPDATE runs SET runnable = 1 WHERE id = ? AND status IN ('running', 'waiting')");
  const deleteLease = db.prepare('DELETE FROM leases WHERE run_id = ? AND owner = ?');

  const appendTx = db.transaction((request: AppendRequest): AppendOutcome => {
    const current = head.get(request.runId);
    const version = current === undefined ? 0 : Number(current.version);
    if (version !== request.expectedVersion) return { ok: false, reason: 'conflict', actualVersion: version };
    if (request.fence !== undefined) {
      const lease = fenceOf.get(request.runId);
      if (lease === undefined || lease.owner !== request.fence.owner || Number(lease.epoch) !== request.fence.epoch) return { ok: false, reason: 'fenced', actualVersion: version };
    }
    const chained = chainAppend(current, request, auditKey);
    if (request.workflow !== undefined) {
      insertWorkflow.run(request.workflow.hash, request.workflow.workflowId, request.workflow.text, request.run.startedAt);
    }
    const run = request.run;
    if (chained.headOnly) {
      advanceRun.run(chained.version, chained.lastHash, chained.headMac, run.id);
    } else {
      upsertRun.run(run.id, run.workflowId, run.workflowHash, run.status, run.parentRunId ?? null, run.startedAt, chained.endedAt, chained.runnable, chained.queue, chained.version, chained.lastHash, chained.scheme, chained.headMac);
    }
    for (const batch of chained.eventBatches) insertEventsOf(batch.length / 7).run(...batch);
    for (const id of request.timersRemoved ?? []) deleteTimer.run(id);
    for (const t of request.timersAdded ?? []) insertTimer.run(t.id, t.runId, t.dueAt, t.purpose, t.data === undefined ? null : JSON.stringify(t.data));
    for (const task of request.tasksUpserted ?? []) upsertTask.run(fromTaskRow(task));
    if (request.wake !== undefined) wakeRun.run(request.wake);
    if (request.lease !== undefined) upsertLease(request.runId, request.lease.holder, request.lease.expiresAtMs);
    if (request.releaseLease !== undefined) deleteLease.run(request.runId, request.releaseLease);
    return { ok: true, version: chained.version };
  });

  const claimTx = db.transaction((holder: LeaseHolder, nowMs: number, nowIso: string, ttlMs: number, limit: number, scope: ClaimScope): string[] => {
    const queues = JSON.stringify(scope.queues ?? [DEFAULT_QUEUE]);
    const ids = claimable.all(queues, nowIso, JSON.stringify(scope.skip ?? []), holder.owner, nowMs, limit).map((r) => r.id);
    for (const id of ids) upsertLease(id, holder, nowMs + ttlMs, undefined, nowMs);
    return ids;
  });

  const acquireTx = db.transaction((runId: string, holder: LeaseHolder, nowMs: number, ttlMs: number, children?: readonly ChildProcessRef[]): boolean => {
    const lease = leaseOf.get(runId);
    if (lease !== undefined && lease.owner !== holder.owner && Number(lease.expires_at) > nowMs) return false;
    upsertLease(runId, holder, nowMs + ttlMs, children, nowMs);
    return true;
  });

  return {
    append: (request) => appendTx.immediate(request),
    claimRuns: (holder, nowMs, nowIso, ttlMs, limit, scope = {}) => claimTx.immediate(holder, nowMs, nowIso, ttlMs, limit, scope),
    acquireLease: (runId, holder, nowMs, ttlMs, children) => acquireTx.immediate(runId, holder, nowMs, ttlMs, children),
    releaseLease: (runId, owner) => { deleteLease.run(runId, owner); },
    listLeases: (runIds) => (runIds === undefined ? allLeases.all() : runIds.flatMap((id) => oneLease.all(id))).map(toLeaseRow),
    breakLease: (runId, owner) => deleteLease.run(runId, owner).changes > 0,
  };
}
