import { setTimeout as sleep } from 'node:timers/promises';
import { StoreError } from '../store-error.js';

/** How long a write keeps trying when another connection holds the write lock. */
export interface BusyRetryOptions {
  /** Tries in all, the first included; default 10. */
  attempts?: number;
  /** The first back-off, doubled on each retry; default 25 ms. */
  baseDelayMs?: number;
  /** The longest single back-off; default 2000 ms. */
  maxDelayMs?: number;
}

/** Pure; whether a better-sqlite3 error means "locked by someone else, try again" (SQLITE_BUSY*, SQLITE_LOCKED*). */
export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Runs one write transaction (`BEGIN IMMEDIATE` … `COMMIT`, atomic, so a failed try wrote
 * nothing) and retries it while the database is locked, with exponential back-off and jitter;
 * StoreError('busy') once the tries run out. A write on a read-only connection is StoreError('read_only').
 */
export async function retryBusy<T>(file: string, write: () => T, options: BusyRetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 10);
  const base = Math.max(1, options.baseDelayMs ?? 25);
  const max = Math.max(base, options.maxDelayMs ?? 2000);
  for (let attempt = 1; ; attempt++) {
    try {
      return write();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_READONLY')) {
        throw new StoreError('read_only', `${file} is open read-only; this command cannot change it`);
      }
      if (!isBusyError(error)) throw error;
      if (attempt >= attempts) {
        throw new StoreError('busy', `${file} is locked by another process (gave up after ${attempts} tries); try again when it is done`);
      }
      const ceiling = Math.min(max, base * 2 ** (attempt - 1));
      // Equal jitter: at least half the back-off, so tries spread out without collapsing to zero.
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}
