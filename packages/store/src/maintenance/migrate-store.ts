import { Migrator, sql, type Kysely } from 'kysely';
import { runPostgresMigrations } from '../postgres/run-postgres-migrations.js';
import { runSqliteMigrations } from '../sqlite/run-sqlite-migrations.js';
import { storeMigrations } from '../schema/migrations.js';
import { StoreError } from '../store-error.js';
import { openMaintenanceDatabase, type MaintenanceDatabase, type StoreTarget } from './store-target.js';

/** A store's schema version: the migrations it has applied, those this code would still run, and any it does not know. */
export interface MigrationStatus {
  /** The database, named without a password. */
  label: string;
  applied: { name: string; appliedAt: string }[];
  pending: string[];
  /** Migrations a newer sopflow applied; such a store refuses to open here. */
  unknown: string[];
}

/** What `migrateStore` did. */
export interface MigrationReport {
  label: string;
  /** The migrations that ran now, in order (empty when the store was up to date). */
  ran: string[];
  /** Every migration applied afterwards. */
  applied: string[];
}

function migratorOf(target: MaintenanceDatabase): Migrator {
  return new Migrator({ db: target.db, provider: storeMigrations, ...(target.schema === undefined ? {} : { migrationTableSchema: target.schema }) });
}

async function statusOf(target: MaintenanceDatabase): Promise<MigrationStatus> {
  const known = Object.keys(await storeMigrations.getMigrations()).sort();
  const rows = await appliedRows(target);
  const names = new Set(rows.map((r) => r.name));
  return {
    label: target.label,
    applied: rows.map((r) => ({ name: r.name, appliedAt: new Date(r.timestamp).toISOString() })),
    pending: known.filter((name) => !names.has(name)),
    unknown: rows.map((r) => r.name).filter((name) => !known.includes(name)),
  };
}

/** The rows of kysely's migration table, oldest first; none when the table (or the schema) does not exist. */
async function appliedRows(target: MaintenanceDatabase): Promise<{ name: string; timestamp: string }[]> {
  const table = target.schema === undefined ? 'kysely_migration' : `${target.schema}.kysely_migration`;
  const exists = target.dialect === 'postgres'
    ? (await sql<{ found: boolean }>`SELECT to_regclass(${table}) IS NOT NULL AS found`.execute(target.db)).rows[0]?.found === true
    : (await sql<{ n: number }>`SELECT 1 AS n FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`.execute(target.db)).rows.length === 1;
  if (!exists) return [];
  return (await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM ${sql.table(table)} ORDER BY name`.execute(target.db)).rows;
}

/** Lists applied and pending migrations; reads only (a missing SQLite file or PostgreSQL schema shows every migration pending, and is not created). */
export async function storeMigrationStatus(target: StoreTarget): Promise<MigrationStatus> {
  if (target.kind === 'sqlite') {
    const { existsSync } = await import('node:fs');
    if (!existsSync(target.file)) {
      return { label: target.file, applied: [], pending: Object.keys(await storeMigrations.getMigrations()).sort(), unknown: [] };
    }
  }
  const opened = await openMaintenanceDatabase(target, { readonly: true });
  try {
    return await statusOf(opened);
  } finally {
    await opened.close();
  }
}

/**
 * Runs the pending migrations (all, or up to and including `to`), creating the SQLite file or the
 * PostgreSQL schema if needed; a store with migrations this code does not know is
 * StoreError('store_too_new') and is left unchanged. Processes migrating together migrate once
 * (kysely's migration lock on PostgreSQL, the write lock on SQLite).
 */
export async function migrateStore(target: StoreTarget, options: { to?: string } = {}): Promise<MigrationReport> {
  const opened = await openMaintenanceDatabase(target);
  try {
    const before = await statusOf(opened);
    if (before.unknown.length > 0) {
      throw new StoreError('store_too_new', `${opened.label} was written by a newer sopflow (schema ${before.unknown.join(', ')} is unknown here); upgrade sopflow to open it`);
    }
    if (options.to !== undefined && !(await storeMigrations.getMigrations())[options.to]) {
      throw new StoreError('invalid_request', `no migration named ${options.to}`);
    }
    if (options.to !== undefined && before.applied.some((m) => m.name === options.to)) return { label: opened.label, ran: [], applied: before.applied.map((m) => m.name) };
    const { error, results } = opened.schema !== undefined ? await runPostgresMigrations(opened.db as Kysely<unknown>, opened.schema, options.to)
      : opened.dialect === 'sqlite' ? await runSqliteMigrations(opened.db as Kysely<unknown>, options.to)
        : options.to === undefined ? await migratorOf(opened).migrateToLatest() : await migratorOf(opened).migrateTo(options.to);
    if (error !== undefined) throw new StoreError('migration_failed', `cannot migrate ${opened.label}: ${(error as Error).message ?? String(error)}`);
    const ran = (results ?? []).filter((r) => r.status === 'Success' && r.direction === 'Up').map((r) => r.migrationName);
    return { label: opened.label, ran, applied: (await statusOf(opened)).applied.map((m) => m.name) };
  } finally {
    await opened.close();
  }
}
