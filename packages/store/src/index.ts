/**
 * @sopflow/store — durable storage for runs: an append-only event log with a SHA-256 hash chain
 * per run, its projections (runs, timers, tasks), leases for several workers, and pinned workflow
 * texts. SQLite (embedded, default) and an in-memory store share one contract; PostgreSQL follows.
 * The ports and record types belong to the engine (@sopflow/engine, `ports/`); this package
 * implements them and re-exports the types for its readers.
 */
export type {
  StoredEvent, NewEvent, RunStatus, RunSummary, TimerRow, TaskKind, TaskStatus, TaskRow, AppendRequest, AppendOutcome,
  AuditBreak, AuditReport, RunFilter, TaskFilter,
} from '@sopflow/engine';
export type { EventStore, RunIndex, TaskInbox, WorkQueue, RunStore } from '@sopflow/engine';
export { createMemoryStore } from './memory/create-memory-store.js';
export { createSqliteStore } from './sqlite/create-sqlite-store.js';
export type { SqliteOptions, SyncMode } from './sqlite/open-sqlite-database.js';
export { StoreError } from './store-error.js';
export { hashEvent, GENESIS_HASH } from './audit/hash-event.js';
export { verifyChain } from './audit/verify-chain.js';
export type { ChainRow } from './audit/verify-chain.js';
