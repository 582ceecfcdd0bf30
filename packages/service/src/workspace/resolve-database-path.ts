import { resolve } from 'node:path';

/** The default database, relative to the working directory. */
export const DEFAULT_DATABASE = '.sopflow/sopflow.db';

/** The database path, absolute: the one given, else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. */
export function resolveDatabasePath(db: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.SOPFLOW_DB === '' ? undefined : env.SOPFLOW_DB;
  return resolve(db ?? fromEnv ?? DEFAULT_DATABASE);
}
