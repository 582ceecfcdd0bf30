import { Kysely, SqliteDialect, sql } from 'kysely';
import type { StoreDatabase } from '../schema/database.js';
import { StoreError } from '../store-error.js';
import { openSqliteDatabase } from '../sqlite/open-sqlite-database.js';
import { describePostgresError, openPostgresPool } from '../postgres/open-postgres-pool.js';
import { postgresKysely } from '../postgres/postgres-kysely.js';

/** Where a store lives: a SQLite file, or a schema of a PostgreSQL database. */
export type StoreTarget =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string };

/** A store's database opened for maintenance (migrations, export, import): kysely on either engine, nothing migrated. */
export interface MaintenanceDatabase {
  db: Kysely<StoreDatabase>;
  dialect: 'sqlite' | 'postgres';
  /** How messages name it (never with a password). */
  label: string;
  /** PostgreSQL: the schema (kysely keeps its migration table there). */
  schema?: string;
  close(): Promise<void>;
}

/** Pure; a `--db` value as a target: `postgres://…`/`postgresql://…` is PostgreSQL (in `schema`), anything else a SQLite file. */
export function storeTargetOf(db: string, schema?: string): StoreTarget {
  return /^postgres(?:ql)?:\/\//i.test(db) ? { kind: 'postgres', url: db, ...(schema === undefined ? {} : { schema }) } : { kind: 'sqlite', file: db };
}

/**
 * Opens a store's database without running migrations: SQLite with the store's pragmas (a missing
 * file is not_found when reading, created otherwise), PostgreSQL as a pool bound to the schema
 * (reached once, so an unreachable server fails here as StoreError('open_failed')).
 */
export async function openMaintenanceDatabase(target: StoreTarget, options: { readonly?: boolean } = {}): Promise<MaintenanceDatabase> {
  const readonly = options.readonly === true;
  if (target.kind === 'sqlite') {
    const sqlite = openSqliteDatabase(target.file, { readonly });
    const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', label: target.file, close: () => db.destroy() };
  }
  const { pool, schema, label } = openPostgresPool(target.url, { ...(target.schema === undefined ? {} : { schema: target.schema }), readonly });
  const db = postgresKysely<StoreDatabase>(pool, schema);
  try {
    await sql`SELECT 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw describePostgresError(error, label, readonly);
  }
  return { db, dialect: 'postgres', label, schema, close: () => db.destroy() };
}

/** Whether a PostgreSQL schema exists (a read-only look never creates it). */
export async function postgresSchemaExists(target: MaintenanceDatabase): Promise<boolean> {
  if (target.dialect !== 'postgres') return true;
  const found = await sql<{ n: number }>`SELECT 1 AS n FROM pg_namespace WHERE nspname = ${target.schema}`.execute(target.db);
  return found.rows.length === 1;
}

/** StoreError('not_found') for a PostgreSQL schema that does not exist. */
export async function requireSchema(target: MaintenanceDatabase): Promise<void> {
  if (!(await postgresSchemaExists(target))) throw new StoreError('not_found', `no sopflow schema at ${target.label}: the schema does not exist`);
}
