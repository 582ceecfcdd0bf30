import type { LeaseHolder } from './run-store.js';

/**
 * The rows a run store keeps. The engine owns them (it computes them); every store (memory,
 * SQLite, PostgreSQL in @sopflow/store) only writes and reads them.
 */

/** One event as stored: the engine's event object is `data`; `hash` chains it to the one before. */
export interface StoredEvent {
  runId: string;
  /** 1-based and contiguous per run. */
  seq: number;
  type: string;
  /** ISO 8601 time the event was decided. */
  at: string;
  data: unknown;
  prevHash: string;
  hash: string;
}

/** An event to append; the store assigns seq and hashes. */
export interface NewEvent {
  type: string;
  at: string;
  data: unknown;
}

export type RunStatus = 'running' | 'waiting' | 'completed' | 'failed' | 'cancelled';

/** The run summary row (a projection of the run's events). */
export interface RunSummary {
  id: string;
  workflowId: string;
  workflowHash: string;
  status: RunStatus;
  parentRunId?: string;
  startedAt: string;
  endedAt?: string;
  /** True when a worker has something to do for this run (a step to start or to recover). */
  runnable: boolean;
  /** The task queue a worker must serve to move the run on (`runQueue`); absent on rows written before queues = the default queue. */
  queue?: string;
  /** Number of events; set by the store. */
  version: number;
}

/** A durable timer: fired by a worker once `dueAt` has passed. */
export interface TimerRow {
  id: string;
  runId: string;
  dueAt: string;
  purpose: string;
  data?: unknown;
}

export type TaskKind = 'work' | 'approval' | 'auth' | 'escalation' | 'did-this-happen';
export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** A person's task in the inbox (a projection of TaskOpened / TaskCompleted events). */
export interface TaskRow {
  id: string;
  runId: string;
  nodeId: string;
  kind: TaskKind;
  status: TaskStatus;
  role?: string;
  assignee?: string;
  reason?: string;
  title: string;
  form?: unknown;
  dueAt?: string;
  createdAt: string;
  completedAt?: string;
  completedBy?: string;
  result?: unknown;
}

/** Everything one decision writes, in one transaction. */
export interface AppendRequest {
  runId: string;
  /** The run's version (event count) the decision was made on; 0 for a new run. */
  expectedVersion: number;
  events: readonly NewEvent[];
  /** The run summary after these events (version is filled in by the store). */
  run: Omit<RunSummary, 'version'>;
  timersAdded?: readonly TimerRow[];
  timersRemoved?: readonly string[];
  tasksUpserted?: readonly TaskRow[];
  /** Take (or extend) the run's lease in the same transaction (a run started and executed here). */
  lease?: { holder: LeaseHolder; expiresAtMs: number };
  /** Drop this owner's lease in the same transaction (the run has just ended). */
  releaseLease?: string;
  /**
   * Fencing: made under the lease `owner` was granted with `epoch`; refused (`reason: 'fenced'`,
   * nothing written) when the run's lease is no longer that grant — taken by another owner since,
   * even if given back later — so a paused-then-resumed worker cannot write over the new owner's work.
   */
  fence?: { owner: string; epoch: number };
  /** Another run to mark runnable in the same transaction (a parent whose child run just ended). */
  wake?: string;
  /** The workflow text the run is pinned to (stored once per content hash). */
  workflow?: { hash: string; workflowId: string; text: string };
}

export type AppendOutcome =
  | { ok: true; version: number }
  | { ok: false; reason: 'conflict'; actualVersion: number }
  | { ok: false; reason: 'fenced'; actualVersion: number };

/**
 * One problem the audit found: a broken chain link ('changed' … 'truncated'), a run head whose MAC
 * does not match ('head'), a run a checkpoint covered that is gone ('deleted'), projections that
 * differ from the fold of the events ('projection'), a stored workflow text that no longer hashes
 * to its key ('workflow'), or a checkpoint that is not what the key signed ('checkpoint').
 */
export interface AuditBreak {
  runId: string;
  /** The first affected event; 0 when the problem is not one event's. */
  seq: number;
  problem: 'changed' | 'missing' | 'inserted' | 'truncated' | 'head' | 'deleted' | 'projection' | 'workflow' | 'checkpoint';
  message: string;
  /** For 'workflow': the content hash the text is stored under. */
  workflowHash?: string;
}

export interface AuditReport {
  ok: boolean;
  runsChecked: number;
  eventsChecked: number;
  breaks: AuditBreak[];
  /** True when MACs were checked with the store's audit key; false for an unkeyed store, or a keyed one opened without its key. */
  keyed: boolean;
  /** The id of the key the store is keyed with (absent for an unkeyed store). */
  keyId?: string;
  /** Runs whose chain is plain SHA-256 (written before the store was keyed): weaker, anyone can recompute them. */
  unkeyedRuns: string[];
  workflowsChecked: number;
  /** The newest signed checkpoint (seq, at), how many runs and tenants' admin logs the chain of checkpoints holds to a signed head, and whether all of it held. */
  checkpoint?: { seq: number; at: string; runCount: number; adminLogCount?: number; ok: boolean };
}

/** A signed record of the heads (id, version, last hash) of the runs changed since the checkpoint before, at one moment. */
export interface AuditCheckpoint {
  seq: number;
  at: string;
  /** The runs this checkpoint signed (the ones changed since the one before). */
  runCount: number;
  /** SHA-256 over each of those runs' id, version and last hash, in id order. */
  headsDigest: string;
}

export interface RunFilter {
  status?: RunStatus;
  parentRunId?: string;
  limit?: number;
}

export interface TaskFilter {
  status?: TaskStatus;
  role?: string;
  runId?: string;
}
