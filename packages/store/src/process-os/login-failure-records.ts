import type { Kysely } from 'kysely';

/**
 * Failed sign-ins by key (migration 0014), so that every server on one database counts the same
 * failures. Keys are opaque to the store (the service stores hashes of "email:…" and "client:…");
 * times are epoch milliseconds.
 */
export interface LoginFailureRecords {
  /** Records one failure under each key at `at`. */
  fail(keys: readonly string[], at: number): Promise<void>;
  /** For each key with failures at or after `since`: how many, and the oldest of them. */
  recent(keys: readonly string[], since: number): Promise<{ key: string; count: number; oldest: number }[]>;
  /** Forgets the keys' failures (a sign-in succeeded). */
  clear(keys: readonly string[]): Promise<void>;
  /** Deletes every failure before `before` (any key); how many went. */
  prune(before: number): Promise<number>;
}

interface LoginFailureTables { login_failures: { key: string; at: number } }

/** Failed sign-ins over kysely: one code base for SQLite and PostgreSQL. */
export function createLoginFailureRecords(anyDb: Kysely<unknown>): LoginFailureRecords {
  const db = anyDb as unknown as Kysely<LoginFailureTables>;
  return {
    async fail(keys, at) {
      if (keys.length > 0) await db.insertInto('login_failures').values(keys.map((key) => ({ key, at }))).execute();
    },
    async recent(keys, since) {
      if (keys.length === 0) return [];
      const rows = await db.selectFrom('login_failures').select(['key', (eb) => eb.fn.countAll().as('count'), (eb) => eb.fn.min('at').as('oldest')])
        .where('key', 'in', [...keys]).where('at', '>=', since).groupBy('key').execute();
      return rows.map((r) => ({ key: r.key, count: Number(r.count), oldest: Number(r.oldest) }));
    },
    async clear(keys) {
      if (keys.length > 0) await db.deleteFrom('login_failures').where('key', 'in', [...keys]).execute();
    },
    async prune(before) {
      const result = await db.deleteFrom('login_failures').where('at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

/** Migration 0014: failed sign-ins, indexed by key and time. */
export async function createLoginFailureTables(anyDb: Kysely<unknown>): Promise<void> {
  await anyDb.schema.createTable('login_failures')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await anyDb.schema.createIndex('login_failures_key_at').on('login_failures').columns(['key', 'at']).execute();
}
