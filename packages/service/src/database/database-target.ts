import type { StoreTarget } from '@sopflow/store';
import { databaseSchema } from '../workspace/open-workspace.js';
import { resolveDatabasePath } from '../workspace/resolve-database-path.js';

/** Which database a maintenance command works on: `db` (a file or `postgres://…`), else `SOPFLOW_DB`, else the default file. */
export interface DatabaseChoice {
  db?: string;
  /** Where `SOPFLOW_DB` and `SOPFLOW_DB_SCHEMA` come from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** The store target for a choice: a SQLite file (absolute) or a PostgreSQL URL in `SOPFLOW_DB_SCHEMA` (default `public`). */
export async function databaseTarget(choice: DatabaseChoice): Promise<StoreTarget> {
  const env = choice.env ?? process.env;
  const { storeTargetOf } = await import('@sopflow/store');
  return storeTargetOf(resolveDatabasePath(choice.db, env), databaseSchema(env));
}
