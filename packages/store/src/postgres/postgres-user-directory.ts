import type pg from 'pg';
import type { UserDirectory } from '@sopflow/engine';
import { buildUserRecord } from '../directory/build-user-record.js';
import { toUserRecord, userColumnValues, type UserColumns } from '../directory/user-columns.js';
import { validateUser } from '../directory/validate-user.js';
import { inTransaction } from './in-transaction.js';

const ALL = { name: 'sopflow_all_users', text: 'SELECT * FROM users ORDER BY name COLLATE "C"' };
const ONE = { name: 'sopflow_one_user', text: 'SELECT * FROM users WHERE name = $1' };
const UPSERT = {
  name: 'sopflow_upsert_user',
  text: `INSERT INTO users (name, roles, level, admin, os_user, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
    ON CONFLICT (name) DO UPDATE SET roles = EXCLUDED.roles, level = EXCLUDED.level, admin = EXCLUDED.admin, os_user = EXCLUDED.os_user, updated_at = EXCLUDED.updated_at`,
};
const REMOVE = { name: 'sopflow_remove_user', text: 'DELETE FROM users WHERE name = $1' };
const VERSION = { name: 'sopflow_directory_version', text: "SELECT value FROM store_meta WHERE key = 'directory_version'" };
// Taking the version row's lock first also serialises directory writes, so each sees the one before.
const BUMP = {
  name: 'sopflow_bump_directory',
  text: `INSERT INTO store_meta (key, value) VALUES ('directory_version', '1')
    ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(store_meta.value AS integer) + 1 AS text)`,
};

/** The user directory in the `users` table; every write bumps `store_meta.directory_version` in the same transaction. */
export function createPostgresUserDirectory(pool: pg.Pool, label: string): UserDirectory {
  return {
    async listUsers() {
      return (await pool.query<UserColumns>(ALL)).rows.map(toUserRecord);
    },
    async getUser(name) {
      const row = (await pool.query<UserColumns>({ ...ONE, values: [name] })).rows[0];
      return row === undefined ? undefined : toUserRecord(row);
    },
    async putUser(input, now = new Date()) {
      validateUser(input); // before the transaction: a bad name never reaches a statement
      return inTransaction(pool, label, async (client) => {
        await client.query(BUMP);
        const existing = (await client.query<UserColumns>({ ...ONE, values: [input.name] })).rows[0];
        const record = buildUserRecord(input, existing === undefined ? undefined : toUserRecord(existing), now);
        await client.query({ ...UPSERT, values: userColumnValues(record) });
        return record;
      });
    },
    async removeUser(name) {
      return inTransaction(pool, label, async (client) => {
        if (((await client.query({ ...REMOVE, values: [name] })).rowCount ?? 0) === 0) return false;
        await client.query(BUMP);
        return true;
      });
    },
    async directoryVersion() {
      return Number((await pool.query<{ value: string }>(VERSION)).rows[0]?.value ?? 0);
    },
  };
}
