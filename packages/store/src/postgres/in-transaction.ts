import type pg from 'pg';
import { StoreError } from '../store-error.js';

/** SQLSTATEs after which the whole transaction may be tried again: serialization failure, deadlock. */
const RETRYABLE = new Set(['40001', '40P01']);
const ATTEMPTS = 5;

/** True for an error after which the statement or transaction may be tried again (it wrote nothing). */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code !== undefined && RETRYABLE.has(code);
}

/** `BEGIN` plus options, e.g. `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`. */
export type BeginStatement = 'BEGIN' | 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY';

/**
 * Runs `work` in one explicit transaction on one pooled connection and commits; on an error rolls
 * back (nothing written) and rethrows, after retrying a few times with jittered back-off when
 * PostgreSQL reports a deadlock or serialization failure. Connection problems become
 * StoreError('unavailable') naming `label`.
 */
export async function inTransaction<T>(pool: pg.Pool, label: string, work: (client: pg.PoolClient) => Promise<T>, begin: BeginStatement = 'BEGIN'): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    let client: pg.PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw new StoreError('unavailable', `cannot reach PostgreSQL at ${label}: ${(error as Error).message}`);
    }
    let broken = false;
    try {
      await client.query(begin);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => { broken = true; });
      if (isRetryable(error) && attempt < ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
        continue;
      }
      throw error;
    } finally {
      // A connection whose rollback failed is discarded rather than handed to the next caller.
      client.release(broken);
    }
  }
}
