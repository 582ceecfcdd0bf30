import type Database from 'better-sqlite3';
import type { ChangeVersions } from '@sopflow/engine';
import { CREDENTIALS_VERSION_KEY, libraryVersionKey } from '../schema/change-versions.js';

/** The versions read from `store_meta` on each call: one prepared synchronous statement (microseconds), every process's committed bumps included. */
export function createSqliteChangeVersions(db: Database.Database): ChangeVersions {
  const read = db.prepare<[string], string>('SELECT value FROM store_meta WHERE key = ?').pluck();
  const version = (key: string) => Number(read.get(key) ?? 0);
  return {
    credentials: () => version(CREDENTIALS_VERSION_KEY),
    library: (tenantId) => version(libraryVersionKey(tenantId)),
  };
}
