import type { ChangeVersions } from './change-versions.js';
import type { UserDirectory } from './user-directory.js';
import type {
  AppendOutcome, AppendRequest, AuditCheckpoint, AuditReport, RunFilter, RunSummary, StoredEvent, TaskFilter, TaskRow, TimerRow,
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

/** Who holds a lease: the engine's owner name and the process it lives in, so a dead holder can be told from a busy one. */
export interface LeaseHolder {
  owner: string;
  host: string;
  pid: number;
  /** When the holder's process started (ms since the epoch); tells a live holder from a reused pid. */
  processStartedAt: number;
}

/** A process group a step started (leader pid = group id), recorded on the lease so a new owner can kill it after a crash. */
export interface ChildProcessRef {
  pid: number;
  /** The leader's start time (ms since the epoch), so a reused pid is never killed. */
  startedAt: number;
}

/** One lease as stored. Leases written before holders were recorded have host '' and pid 0. */
export interface LeaseRow extends LeaseHolder {
  runId: string;
  /** Ms since the epoch. */
  expiresAt: number;
  /** Process groups the holder's steps started and have not yet seen end. */
  children: ChildProcessRef[];
  /** The grant this lease is: set when an owner takes the run (never by its renewals), higher than the run's previous grant; appends carry it as their fence. */
  epoch?: number;
}

/** Which runs a claim may take. */
export interface ClaimScope {
  /** Runnable runs whose row names one of these queues (default: the default queue); a due timer is claimable from any queue. */
  queues?: readonly string[];
  /** Runs not to take (those the claiming worker is handling now). */
  skip?: readonly string[];
}

/** A worker's heartbeat: the queues it serves, until when it counts as alive. */
export interface WorkerRow {
  owner: string;
  host: string;
  pid: number;
  queues: string[];
  /** Ms since the epoch. */
  expiresAt: number;
}

/** Port: leases and due timers, so several workers can share one store safely. */
export interface WorkQueue {
  /** Leases up to `limit` runs that are runnable on the scope's queues or have a due timer, for `ttlMs`; returns their ids, oldest run first. */
  claimRuns(holder: LeaseHolder, now: Date, ttlMs: number, limit: number, scope?: ClaimScope): Promise<string[]>;
  /**
   * Extends or takes the lease on one run; false when another owner holds an unexpired lease.
   * `children` replaces the recorded process groups; absent keeps them (a new owner starts with none).
   */
  acquireLease(runId: string, holder: LeaseHolder, now: Date, ttlMs: number, children?: readonly ChildProcessRef[]): Promise<boolean>;
  releaseLease(runId: string, owner: string): Promise<void>;
  /** The leases on these runs (all leases when absent), expired ones included. */
  listLeases(runIds?: readonly string[]): Promise<LeaseRow[]>;
  /** Removes the run's lease only if `owner` still holds it (a dead holder's); true when it did. */
  breakLease(runId: string, owner: string): Promise<boolean>;
  dueTimers(runId: string, now: Date): Promise<TimerRow[]>;
  /** Writes (or refreshes) a worker's heartbeat row. */
  recordWorker(worker: WorkerRow): Promise<void>;
  removeWorker(owner: string): Promise<void>;
  /** Every worker row, expired ones included, by owner. */
  listWorkers(): Promise<WorkerRow[]>;
}

/** Every store (memory, SQLite, later PostgreSQL) offers all ports, the user directory and an audit check. */
export interface RunStore extends EventStore, RunIndex, TaskInbox, WorkQueue, UserDirectory {
  /**
   * Recomputes every hash chain (or one run's), checks run-head MACs, the latest checkpoint,
   * stored workflow texts and the projections against a re-fold of the events.
   */
  verifyAuditChain(runId?: string): Promise<AuditReport>;
  /**
   * Signs the current head of every run whose head moved since the previous checkpoint (or that none covered yet),
   * chained to that checkpoint's MAC, with the audit key (StoreError('audit_key_missing') on an unkeyed store).
   */
  writeAuditCheckpoint(now?: Date): Promise<AuditCheckpoint>;
  close(): Promise<void>;
  /**
   * Optional capability (PostgreSQL: LISTEN/NOTIFY): resolves when there may be new work — a run
   * became runnable, a task completed, a signal arrived, a timer was added, a runnable run was let
   * go — or when the earliest future timer or lease expiry comes, after `maxMs`, or when `signal`
   * aborts, whichever is first. A store without it is polled (`WorkerOptions.pollMs`).
   */
  waitForWork?(signal: AbortSignal | undefined, maxMs: number): Promise<void>;
  /** Optional capability (SQLite, PostgreSQL): store-wide change versions for caches; a store without it is never cached over. */
  readonly changeVersions?: ChangeVersions;
}
