import { GENESIS_HASH, eventHasher, hashEvent } from '../audit/hash-event.js';
import type { AuditKey } from '../audit/audit-key.js';
import { headMac } from '../audit/head-mac.js';
import { createMemoryAudit } from './memory-audit.js';
import type { MemoryRun } from './memory-run.js';
import { createMemoryUserDirectory } from './memory-user-directory.js';
import type {
  AppendOutcome, AppendRequest, AuditReport, RunFilter, TaskFilter, TaskRow, TimerRow,
} from '@sopflow/engine';
import { DEFAULT_QUEUE, type ChildProcessRef, type LeaseHolder, type LeaseRow, type RunStore, type WorkerRow } from '@sopflow/engine';
import { matchesRunFilter, matchesTaskFilter } from './filters.js';

/** Options of the memory store. */
export interface MemoryStoreOptions {
  /** Keys the chains, run heads and checkpoints (HMAC-SHA256); without it chains are plain SHA-256. */
  auditKey?: AuditKey;
}

/** A store in process memory: same contract as SQLite, no persistence (tests and benchmarks). */
export function createMemoryStore(options: MemoryStoreOptions = {}): RunStore {
  const runs = new Map<string, MemoryRun>();
  const timers = new Map<string, TimerRow>();
  const tasks = new Map<string, TaskRow>();
  const workflows = new Map<string, string>();
  const key = options.auditKey;
  const directory = createMemoryUserDirectory();
  const audit = createMemoryAudit({ runs, tasks, workflows, key });
  const leases = new Map<string, LeaseRow>();
  const workers = new Map<string, WorkerRow>();
  /** The last epoch granted on each run (outlives its lease rows). */
  const epochs = new Map<string, number>();

  /** Children: replaced when given; else kept for the same owner and cleared for a new one. */
  function setLease(runId: string, holder: LeaseHolder, expiresAt: number, children?: readonly ChildProcessRef[]): void {
    const before = leases.get(runId);
    const kept = children !== undefined ? children : before?.owner === holder.owner ? before.children : [];
    // A new owner's grant gets a higher epoch than any before it on this run; renewals keep theirs.
    const epoch = before?.owner === holder.owner && before.epoch !== undefined ? before.epoch : Math.max((epochs.get(runId) ?? 0) + 1, Date.now());
    epochs.set(runId, epoch);
    leases.set(runId, {
      runId, owner: holder.owner, host: holder.host, pid: holder.pid, processStartedAt: Math.round(holder.processStartedAt), expiresAt,
      children: kept.map((c) => ({ ...c })), epoch,
    });
  }

  function leaseFree(runId: string, owner: string, now: number): boolean {
    const lease = leases.get(runId);
    return lease === undefined || lease.owner === owner || lease.expiresAt <= now;
  }

  return {
    async append(request: AppendRequest): Promise<AppendOutcome> {
      const existing = runs.get(request.runId);
      const version = existing?.summary.version ?? 0;
      if (version !== request.expectedVersion) return { ok: false, reason: 'conflict', actualVersion: version };
      const fenced = request.fence === undefined ? undefined : leases.get(request.runId);
      if (request.fence !== undefined && (fenced?.owner !== request.fence.owner || fenced.epoch !== request.fence.epoch)) return { ok: false, reason: 'fenced', actualVersion: version };
      const run: MemoryRun = existing ?? {
        summary: { ...request.run, version: 0 }, events: [], dataJson: [], lastHash: GENESIS_HASH, scheme: key === undefined ? 'sha256' : 'hmac-sha256',
      };
      const hash = eventHasher(run.scheme, key?.secret) ?? hashEvent;
      let prev = run.lastHash;
      let seq = version;
      for (const event of request.events) {
        seq += 1;
        const dataJson = JSON.stringify(event.data);
        const link = hash(prev, request.runId, seq, event.type, event.at, dataJson);
        run.events.push({ runId: request.runId, seq, type: event.type, at: event.at, data: JSON.parse(dataJson), prevHash: prev, hash: link });
        run.dataJson.push(dataJson);
        prev = link;
      }
      run.lastHash = prev;
      run.summary = { ...request.run, queue: request.run.queue ?? DEFAULT_QUEUE, version: seq };
      if (key !== undefined) {
        run.headMac = headMac(key.secret, { runId: request.runId, version: seq, lastHash: prev, status: run.summary.status, workflowHash: run.summary.workflowHash, scheme: run.scheme });
      }
      runs.set(request.runId, run);
      for (const id of request.timersRemoved ?? []) timers.delete(id);
      for (const timer of request.timersAdded ?? []) timers.set(timer.id, { ...timer });
      for (const task of request.tasksUpserted ?? []) tasks.set(task.id, { ...task });
      if (request.lease !== undefined) setLease(request.runId, request.lease.holder, request.lease.expiresAtMs);
      if (request.releaseLease !== undefined && leases.get(request.runId)?.owner === request.releaseLease) leases.delete(request.runId);
      const woken = request.wake === undefined ? undefined : runs.get(request.wake);
      if (woken !== undefined && (woken.summary.status === 'running' || woken.summary.status === 'waiting')) woken.summary = { ...woken.summary, runnable: true };
      if (request.workflow !== undefined && !workflows.has(request.workflow.hash)) workflows.set(request.workflow.hash, request.workflow.text);
      return { ok: true, version: seq };
    },
    async readEvents(runId, afterSeq = 0) {
      const run = runs.get(runId);
      if (run === undefined) return [];
      return run.events.slice(afterSeq).map((e) => ({ ...e, data: structuredClone(e.data) }));
    },
    async readWorkflow(hash) {
      return workflows.get(hash);
    },
    async getRun(runId) {
      const run = runs.get(runId);
      return run === undefined ? undefined : { ...run.summary };
    },
    async listRuns(filter?: RunFilter) {
      const all = [...runs.values()].map((r) => ({ ...r.summary })).filter((r) => matchesRunFilter(r, filter));
      all.sort((a, b) => (a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id < b.id ? -1 : 1));
      return filter?.limit === undefined ? all : all.slice(0, filter.limit);
    },
    async getTask(taskId) {
      const task = tasks.get(taskId);
      return task === undefined ? undefined : { ...task };
    },
    async listTasks(filter?: TaskFilter) {
      return [...tasks.values()].filter((t) => matchesTaskFilter(t, filter)).map((t) => ({ ...t }))
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1));
    },
    async claimRuns(holder, now, ttlMs, limit, scope = {}) {
      const nowMs = now.getTime();
      const nowIso = now.toISOString();
      const withDueTimer = new Set([...timers.values()].filter((t) => t.dueAt <= nowIso).map((t) => t.runId));
      const queues = scope.queues ?? [DEFAULT_QUEUE];
      const skip = new Set(scope.skip);
      const claimed: string[] = [];
      for (const run of runs.values()) {
        if (claimed.length >= limit) break;
        const id = run.summary.id;
        if (skip.has(id)) continue;
        const onQueue = run.summary.runnable && queues.includes(run.summary.queue ?? DEFAULT_QUEUE);
        if (!onQueue && !withDueTimer.has(id)) continue;
        if (!leaseFree(id, holder.owner, nowMs)) continue;
        setLease(id, holder, nowMs + ttlMs);
        claimed.push(id);
      }
      return claimed;
    },
    async acquireLease(runId, holder, now, ttlMs, children) {
      if (!leaseFree(runId, holder.owner, now.getTime())) return false;
      setLease(runId, holder, now.getTime() + ttlMs, children);
      return true;
    },
    async releaseLease(runId, owner) {
      if (leases.get(runId)?.owner === owner) leases.delete(runId);
    },
    async listLeases(runIds) {
      const ids = runIds ?? [...leases.keys()].sort();
      return ids.flatMap((id) => {
        const lease = leases.get(id);
        return lease === undefined ? [] : [{ ...lease, children: lease.children.map((c) => ({ ...c })) }];
      });
    },
    async breakLease(runId, owner) {
      if (leases.get(runId)?.owner !== owner) return false;
      leases.delete(runId);
      return true;
    },
    async dueTimers(runId, now) {
      const nowIso = now.toISOString();
      return [...timers.values()].filter((t) => t.runId === runId && t.dueAt <= nowIso).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
    },
    async recordWorker(worker) {
      workers.set(worker.owner, { ...worker, queues: [...worker.queues] });
    },
    async removeWorker(owner) {
      workers.delete(owner);
    },
    async listWorkers() {
      return [...workers.values()].sort((a, b) => (a.owner < b.owner ? -1 : 1)).map((w) => ({ ...w, queues: [...w.queues] }));
    },
    async verifyAuditChain(runId?: string): Promise<AuditReport> {
      return audit.verify(runId);
    },
    async writeAuditCheckpoint(now = new Date()) {
      return audit.writeCheckpoint(now);
    },
    ...directory,
    async close() {},
  };
}
