import { resolve } from 'node:path';

/** The default database, relative to the working directory. */
export const DEFAULT_DATABASE = '.sopflow/sopflow.db';

/** True for a PostgreSQL connection string (`postgres://…` or `postgresql://…`). */
export function isPostgresUrl(db: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(db);
}

/**
 * The database: the one given, else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. A SQLite path comes
 * back absolute; a PostgreSQL connection string comes back unchanged.
 */
export function resolveDatabasePath(db: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SOPFLOW_DB === '' ? undefined : env.SOPFLOW_DB;
  const chosen = db ?? fromEnv ?? DEFAULT_DATABASE;
  return isPostgresUrl(chosen) ? chosen : resolve(chosen);
}

/** A connection string as people may see it: without its password. */
export function describeDatabase(db: string): string {
  if (!isPostgresUrl(db)) return db;
  try {
    const url = new URL(db);
    url.password = '';
    url.searchParams.delete('password');
    return url.href;
  } catch {
    return 'PostgreSQL (unparsable connection string)';
  }
}
