import { GENESIS_HASH, hashEvent } from '../audit/hash-event.js';
import { verifyChain } from '../audit/verify-chain.js';
import type {
  AppendOutcome, AppendRequest, AuditReport, RunFilter, RunSummary, StoredEvent, TaskFilter, TaskRow, TimerRow,
} from '@sopflow/engine';
import type { RunStore } from '@sopflow/engine';
import { matchesRunFilter, matchesTaskFilter } from './filters.js';

interface MemoryRun {
  summary: RunSummary;
  events: StoredEvent[];
  dataJson: string[];
  lastHash: string;
}

/** A store in process memory: same contract as SQLite, no persistence (tests and benchmarks). */
export function createMemoryStore(): RunStore {
  const runs = new Map<string, MemoryRun>();
  const timers = new Map<string, TimerRow>();
  const tasks = new Map<string, TaskRow>();
  const workflows = new Map<string, string>();
  const leases = new Map<string, { owner: string; expiresAt: number }>();

  function leaseFree(runId: string, owner: string, now: number): boolean {
    const lease = leases.get(runId);
    return lease === undefined || lease.owner === owner || lease.expiresAt <= now;
  }

  return {
    async append(request: AppendRequest): Promise<AppendOutcome> {
      const existing = runs.get(request.runId);
      const version = existing?.summary.version ?? 0;
      if (version !== request.expectedVersion) return { ok: false, reason: 'conflict', actualVersion: version };
      const run: MemoryRun = existing ?? { summary: { ...request.run, version: 0 }, events: [], dataJson: [], lastHash: GENESIS_HASH };
      let prev = run.lastHash;
      let seq = version;
      for (const event of request.events) {
        seq += 1;
        const dataJson = JSON.stringify(event.data);
        const hash = hashEvent(prev, request.runId, seq, event.type, event.at, dataJson);
        run.events.push({ runId: request.runId, seq, type: event.type, at: event.at, data: JSON.parse(dataJson), prevHash: prev, hash });
        run.dataJson.push(dataJson);
        prev = hash;
      }
      run.lastHash = prev;
      run.summary = { ...request.run, version: seq };
      runs.set(request.runId, run);
      for (const id of request.timersRemoved ?? []) timers.delete(id);
      for (const timer of request.timersAdded ?? []) timers.set(timer.id, { ...timer });
      for (const task of request.tasksUpserted ?? []) tasks.set(task.id, { ...task });
      if (request.lease !== undefined) leases.set(request.runId, { owner: request.lease.owner, expiresAt: request.lease.expiresAtMs });
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
    async claimRuns(owner, now, ttlMs, limit) {
      const nowMs = now.getTime();
      const nowIso = now.toISOString();
      const withDueTimer = new Set([...timers.values()].filter((t) => t.dueAt <= nowIso).map((t) => t.runId));
      const claimed: string[] = [];
      for (const run of runs.values()) {
        if (claimed.length >= limit) break;
        const id = run.summary.id;
        if (!run.summary.runnable && !withDueTimer.has(id)) continue;
        if (!leaseFree(id, owner, nowMs)) continue;
        leases.set(id, { owner, expiresAt: nowMs + ttlMs });
        claimed.push(id);
      }
      return claimed;
    },
    async acquireLease(runId, owner, now, ttlMs) {
      if (!leaseFree(runId, owner, now.getTime())) return false;
      leases.set(runId, { owner, expiresAt: now.getTime() + ttlMs });
      return true;
    },
    async releaseLease(runId, owner) {
      if (leases.get(runId)?.owner === owner) leases.delete(runId);
    },
    async dueTimers(runId, now) {
      const nowIso = now.toISOString();
      return [...timers.values()].filter((t) => t.runId === runId && t.dueAt <= nowIso).sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
    },
    async verifyAuditChain(runId?: string): Promise<AuditReport> {
      const ids = runId === undefined ? [...runs.keys()] : [runId];
      const report: AuditReport = { ok: true, runsChecked: 0, eventsChecked: 0, breaks: [] };
      for (const id of ids) {
        const run = runs.get(id);
        if (run === undefined) continue;
        report.runsChecked += 1;
        report.eventsChecked += run.events.length;
        const rows = run.events.map((e, i) => ({ seq: e.seq, type: e.type, at: e.at, dataJson: run.dataJson[i], prevHash: e.prevHash, hash: e.hash }));
        const broken = verifyChain(id, rows, run.summary.version, run.lastHash);
        if (broken !== undefined) report.breaks.push(broken);
      }
      report.ok = report.breaks.length === 0;
      return report;
    },
    async close() {},
  };
}
