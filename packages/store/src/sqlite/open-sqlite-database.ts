import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { AuditKey } from '../audit/audit-key.js';
import { StoreError } from '../store-error.js';
import type { BusyRetryOptions } from './retry-busy.js';

export type SyncMode = 'NORMAL' | 'FULL';

export interface SqliteOptions {
  /** `NORMAL` (default): in WAL mode a process crash loses nothing; a power loss may lose the last commits. `FULL`: fsync on every commit. */
  synchronous?: SyncMode;
  /** Milliseconds SQLite itself waits for another writer on each attempt; default 5000. */
  busyTimeoutMs?: number;
  /** Retries of a write that still finds the database locked (bounded exponential backoff with jitter). */
  busyRetry?: BusyRetryOptions;
  /**
   * Open for reading only: the file must exist (StoreError('not_found') otherwise), nothing is
   * created or migrated, and every write raises StoreError('read_only').
   */
  readonly?: boolean;
  /** Keys the chains, run heads and checkpoints; the store remembers the key id and refuses another key. */
  auditKey?: AuditKey;
}

/**
 * Opens (or, unless read-only, creates) a SQLite file with WAL, the chosen fsync level, a busy
 * timeout and foreign keys. A file that is not a SQLite database raises a StoreError before
 * anything is written; a read-only open of a missing file raises StoreError('not_found') and creates nothing.
 */
export function openSqliteDatabase(file: string, options: SqliteOptions = {}): Database.Database {
  const readonly = options.readonly === true;
  if (readonly && (file === ':memory:' || !existsSync(file))) throw new StoreError('not_found', `no sopflow database at ${resolve(file)}`);
  let db: Database.Database;
  try {
    db = readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  } catch (error) {
    if (readonly && /does not exist/i.test((error as Error).message)) throw new StoreError('not_found', `no sopflow database at ${resolve(file)}`);
    throw new StoreError('open_failed', `cannot open database ${file}: ${(error as Error).message}`);
  }
  try {
    // Reading the header first: a corrupt file fails here, before any pragma writes to it.
    db.pragma('schema_version', { simple: true });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
    }
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    const message = (error as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) {
      throw new StoreError('corrupt_database', `${file} is not a usable sopflow database (${message}); it was left unchanged`);
    }
    throw new StoreError('open_failed', `cannot open database ${file}: ${message}`);
  }
  return db;
}
