import { SqliteAdapter, type Kysely } from 'kysely';

/** True when the connection is SQLite's (for the few statements whose SQL differs from PostgreSQL's). */
export function isSqlite(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof SqliteAdapter;
}
