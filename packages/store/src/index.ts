/**
 * @sopflow/store — durable storage for runs: an append-only event log with a hash chain per run
 * (HMAC-SHA256 under an audit key kept outside the database, or plain SHA-256), run-head MACs and
 * signed checkpoints, its projections (runs, timers, tasks), leases for several workers, the user
 * directory, and pinned workflow texts. SQLite (embedded, default), PostgreSQL (several workers on several machines) and an
 * in-memory store share one contract.
 * The ports and record types belong to the engine (@sopflow/engine, `ports/`); this package
 * implements them and re-exports the types for its readers.
 */
export type {
  StoredEvent, NewEvent, RunStatus, RunSummary, TimerRow, TaskKind, TaskStatus, TaskRow, AppendRequest, AppendOutcome,
  AuditBreak, AuditReport, AuditCheckpoint, RunFilter, TaskFilter,
} from '@sopflow/engine';
export type { UserDirectory, UserRecord, UserInput } from '@sopflow/engine';
export type { EventStore, RunIndex, TaskInbox, WorkQueue, RunStore, LeaseHolder, LeaseRow, ChildProcessRef } from '@sopflow/engine';
export { createMemoryStore } from './memory/create-memory-store.js';
export type { MemoryStoreOptions } from './memory/create-memory-store.js';
export { createSqliteStore } from './sqlite/create-sqlite-store.js';
export type { SqliteOptions, SyncMode } from './sqlite/open-sqlite-database.js';
export type { BusyRetryOptions } from './sqlite/retry-busy.js';
export { createPostgresStore } from './postgres/create-postgres-store.js';
export type { PostgresOptions } from './postgres/open-postgres-pool.js';
export { storeTargetOf } from './maintenance/store-target.js';
export type { StoreTarget } from './maintenance/store-target.js';
export { migrateStore, storeMigrationStatus } from './maintenance/migrate-store.js';
export type { MigrationReport, MigrationStatus } from './maintenance/migrate-store.js';
export { exportStore } from './maintenance/export-store.js';
export type { ExportHeader, ExportRow } from './maintenance/export-store.js';
export { importStore } from './maintenance/import-store.js';
export type { ImportOptions } from './maintenance/import-store.js';
export { StoreError } from './store-error.js';
export type { StoreErrorCode } from './store-error.js';
export { loadAuditKey } from './audit/load-audit-key.js';
export { auditKeyId } from './audit/audit-key.js';
export type { AuditKey } from './audit/audit-key.js';
export { hashEvent, hmacEvent, GENESIS_HASH } from './audit/hash-event.js';
export type { ChainScheme } from './audit/hash-event.js';
export { verifyChain } from './audit/verify-chain.js';
export type { ChainRow } from './audit/verify-chain.js';
export type { AdminAuditReport, AdminAuditBreak } from './audit/verify-admin-chains.js';
export type { StoreAuditReport } from './audit/run-audit.js';
export { isAdminChainId } from './audit/admin-chain.js';
// Process OS records (tenants, accounts, tokens, sessions, SOPs, versions, run links, routines, admin audit)
export { createProcessRecords, processRecordsOf } from './process-os/create-process-records.js';
export type {
  ProcessRecords, ProcessOsAccess, TenantRecords, AccountRecords, SopRecords, SopRunRecords, RoutineRecords, AdminAuditRecords, SopFilter, SopListQuery, SopFirstPage, SopRunListQuery, RunHeadRow,
  TenantRow, AccountFields, TokenRow, SessionRow, WorkstreamRow, SopRow, SopVersionRow, SopRunRow, SopRunWithStatus, RoutineRow, RoutineFireRow, AdminAuditRow,
} from './process-os/process-records.js';
export type { JourneyRecords, JourneyKeyRow, JourneyEventRow } from './process-os/journey-records.js';
export type { HubRecords, HubPackageRow, HubVersionRow, HubVersionSummary, HubReportRow, HubReportFigures, HubRankingRow, HubSearchQuery, HubInsertOutcome } from './process-os/hub-records.js';
export type { LearningRecords, CandidateDecisionRow, AssumptionEditRow } from './process-os/learning-records.js';
export type { TrialRecords, DelegationTrialRow } from './process-os/trial-records.js';
export type { LoginFailureRecords } from './process-os/login-failure-records.js';
