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
  lease?: { owner: string; expiresAtMs: number };
  /** Drop this owner's lease in the same transaction (the run has just ended). */
  releaseLease?: string;
  /** Another run to mark runnable in the same transaction (a parent whose child run just ended). */
  wake?: string;
  /** The workflow text the run is pinned to (stored once per content hash). */
  workflow?: { hash: string; workflowId: string; text: string };
}

export type AppendOutcome =
  | { ok: true; version: number }
  | { ok: false; reason: 'conflict'; actualVersion: number };

/** The first broken link of a run's audit chain. */
export interface AuditBreak {
  runId: string;
  seq: number;
  problem: 'changed' | 'missing' | 'inserted' | 'truncated';
  message: string;
}

export interface AuditReport {
  ok: boolean;
  runsChecked: number;
  eventsChecked: number;
  breaks: AuditBreak[];
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
