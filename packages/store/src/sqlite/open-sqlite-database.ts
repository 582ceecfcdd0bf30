import Database from 'better-sqlite3';
import { StoreError } from '../store-error.js';

export type SyncMode = 'NORMAL' | 'FULL';

export interface SqliteOptions {
  /** `NORMAL` (default): in WAL mode a process crash loses nothing; a power loss may lose the last commits. `FULL`: fsync on every commit. */
  synchronous?: SyncMode;
  /** Milliseconds to wait for another writer before failing; default 5000. */
  busyTimeoutMs?: number;
}

/**
 * Opens (or creates) a SQLite file with WAL, the chosen fsync level, a busy timeout and foreign
 * keys. A file that is not a SQLite database raises a StoreError before anything is written.
 */
export function openSqliteDatabase(file: string, options: SqliteOptions = {}): Database.Database {
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new StoreError('open_failed', `cannot open database ${file}: ${(error as Error).message}`);
  }
  try {
    // Reading the header first: a corrupt file fails here, before any pragma writes to it.
    db.pragma('schema_version', { simple: true });
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
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
