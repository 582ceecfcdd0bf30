import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../schema/database.js';
import { storeMigrations } from '../schema/migrations.js';
import { StoreError } from '../store-error.js';
import { runPostgresMigrations } from './run-postgres-migrations.js';

/** The migrations applied in `schema`, or undefined when the schema does not exist. */
async function appliedMigrations(db: Kysely<StoreDatabase>, schema: string): Promise<string[] | undefined> {
  const found = await sql<{ schema_exists: boolean; table_exists: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = ${schema}) AS schema_exists,
           to_regclass(${`${schema}.kysely_migration`}) IS NOT NULL AS table_exists`.execute(db);
  const row = found.rows[0];
  if (row === undefined || !row.schema_exists) return undefined;
  if (!row.table_exists) return [];
  const names = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.kysely_migration`)} ORDER BY name`.execute(db);
  return names.rows.map((r) => r.name);
}

/**
 * Checks the schema's applied migrations against the ones this code knows and, unless read-only,
 * creates the schema and runs the missing migrations (the same kysely migrations as SQLite; kysely
 * holds an advisory lock, so processes starting together migrate once). Read-only: a missing
 * schema is not_found, one missing migrations is store_too_old; in every mode unknown migrations
 * are store_too_new.
 */
export async function preparePostgresSchema(db: Kysely<StoreDatabase>, schema: string, label: string, readonly: boolean): Promise<void> {
  const known = Object.keys(await storeMigrations.getMigrations());
  // Every table is named unqualified: a connection whose search_path is not the schema would write elsewhere.
  const path = (await sql<{ path: string }>`SELECT current_setting('search_path') AS path`.execute(db)).rows[0]?.path;
  if (path !== schema) throw new StoreError('invalid_request', `${label}: the connection's search_path is "${path}", not the store's schema; remove search_path from the connection settings`);
  const applied = await appliedMigrations(db, schema);
  if (applied === undefined && readonly) throw new StoreError('not_found', `no sopflow schema at ${label}: the schema does not exist`);
  const unknown = (applied ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new StoreError('store_too_new', `${label} was written by a newer sopflow (schema ${unknown.join(', ')} is unknown here); upgrade sopflow to open it`);
  }
  if (readonly) {
    const missing = known.filter((name) => !(applied ?? []).includes(name));
    if (applied?.length === 0) throw new StoreError('store_too_old', `${label} holds no sopflow schema yet; run a writing command (e.g. sopflow run) on it first`);
    if (missing.length > 0) {
      throw new StoreError('store_too_old', `${label} was written by an older sopflow (schema ${missing.join(', ')} not applied yet); run a writing command (e.g. sopflow run) once to upgrade it`);
    }
    return;
  }
  const { error } = await runPostgresMigrations(db as Kysely<unknown>, schema);
  if (error !== undefined) {
    throw new StoreError('migration_failed', `cannot prepare ${label}: ${(error as Error).message ?? String(error)}`);
  }
}
