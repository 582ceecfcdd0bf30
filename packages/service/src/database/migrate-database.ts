import type { MigrationReport, MigrationStatus } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { databaseTarget, type DatabaseChoice } from './database-target.js';

/** Runs the store's pending migrations (creating the SQLite file or the PostgreSQL schema if needed); says which ran. */
export async function migrateDatabase(choice: DatabaseChoice = {}): Promise<MigrationReport> {
  const { migrateStore } = await import('@sopflow/store');
  return serviceCall(async () => migrateStore(await databaseTarget(choice)));
}

/** The store's applied, pending and unknown migrations; reads only. */
export async function databaseMigrationStatus(choice: DatabaseChoice = {}): Promise<MigrationStatus> {
  const { storeMigrationStatus } = await import('@sopflow/store');
  return serviceCall(async () => storeMigrationStatus(await databaseTarget(choice)));
}
