import type { Kysely } from 'kysely';
import type { RunStore } from '@sopflow/engine';
import type { StoreDatabase } from '../schema/database.js';
import type { ProcessOsDatabase } from './process-os-database.js';
import type { ProcessOsAccess, ProcessRecords } from './process-records.js';
import { createAccountRecords, createTenantRecords } from './tenant-and-account-records.js';
import { createSopRecords } from './sop-records.js';
import { createDocumentRecords } from './document-records.js';
import { createJourneyRecords } from './journey-records.js';
import { createHubRecords } from './hub-records.js';
import { createLearningRecords } from './learning-records.js';
import { createLoginFailureRecords } from './login-failure-records.js';
import { createTrialRecords } from './trial-records.js';
import { createRoutineRecords, createSopRunRecords } from './run-and-routine-records.js';
import { createAdminAuditRecords, type AdminAuditOptions } from './admin-audit-records.js';

/** The Process OS records over a store's kysely connection: one code base for SQLite and PostgreSQL (`admin` reaches the admin log's key and SQLite's writer). */
export function createProcessRecords(db: Kysely<StoreDatabase>, admin: AdminAuditOptions = {}): ProcessRecords {
  // The same connection, typed with the account columns and the Process OS tables (migration 0004).
  const pdb = db as unknown as Kysely<ProcessOsDatabase>;
  return {
    tenants: createTenantRecords(pdb),
    accounts: createAccountRecords(pdb, admin.sqlite),
    sops: createSopRecords(pdb),
    runs: createSopRunRecords(pdb),
    routines: createRoutineRecords(pdb),
    audit: createAdminAuditRecords(pdb, admin),
    documents: createDocumentRecords(pdb),
    journeys: createJourneyRecords(pdb),
    hub: createHubRecords(db as unknown as Kysely<unknown>),
    learning: createLearningRecords(db as unknown as Kysely<unknown>),
    trials: createTrialRecords(db as unknown as Kysely<unknown>),
    loginFailures: createLoginFailureRecords(db as unknown as Kysely<unknown>),
  };
}

/** The store's Process OS records, when it keeps them (SQLite and PostgreSQL stores do; the memory store does not). */
export function processRecordsOf(store: RunStore): ProcessRecords | undefined {
  const access = store as Partial<ProcessOsAccess>;
  return access.processRecords;
}
