import type {
  AppendOutcome, AppendRequest, AuditReport, RunFilter, RunSummary, StoredEvent, TaskFilter, TaskRow, TimerRow,
} from './run-records.js';

/** Port: the append-only event log with its projections, written in one transaction per decision. */
export interface EventStore {
  /** Appends when the run is still at `expectedVersion`; otherwise `{ ok: false, reason: 'conflict' }`, nothing written. */
  append(request: AppendRequest): Promise<AppendOutcome>;
  readEvents(runId: string, afterSeq?: number): Promise<StoredEvent[]>;
  /** The workflow text a run is pinned to, by content hash. */
  readWorkflow(hash: string): Promise<string | undefined>;
}

/** Port: read models for the CLI, server and workers. */
export interface RunIndex {
  getRun(runId: string): Promise<RunSummary | undefined>;
  listRuns(filter?: RunFilter): Promise<RunSummary[]>;
}

/** Port: the person's inbox. */
export interface TaskInbox {
  getTask(taskId: string): Promise<TaskRow | undefined>;
  listTasks(filter?: TaskFilter): Promise<TaskRow[]>;
}

/** Port: leases and due timers, so several workers can share one store safely. */
export interface WorkQueue {
  /** Leases up to `limit` runs that are runnable or have a due timer, for `ttlMs`; returns their ids. */
  claimRuns(owner: string, now: Date, ttlMs: number, limit: number): Promise<string[]>;
  /** Extends or takes the lease on one run; false when another owner holds an unexpired lease. */
  acquireLease(runId: string, owner: string, now: Date, ttlMs: number): Promise<boolean>;
  releaseLease(runId: string, owner: string): Promise<void>;
  dueTimers(runId: string, now: Date): Promise<TimerRow[]>;
}

/** Every store (memory, SQLite, later PostgreSQL) offers all ports plus an audit check. */
export interface RunStore extends EventStore, RunIndex, TaskInbox, WorkQueue {
  /** Recomputes every hash chain (or one run's) and reports the first broken link per run. */
  verifyAuditChain(runId?: string): Promise<AuditReport>;
  close(): Promise<void>;
}
