import type Database from 'better-sqlite3';
import type { UserDirectory, UserRecord } from '@sopflow/engine';
import { buildUserRecord } from '../directory/build-user-record.js';
import { toUserRecord, userColumnValues, type UserColumns } from '../directory/user-columns.js';
import { validateUser } from '../directory/validate-user.js';
import { retryBusy, type BusyRetryOptions } from './retry-busy.js';

/** The user directory in the `users` table; every write bumps `store_meta.directory_version` in the same immediate transaction. */
export function createSqliteUserDirectory(db: Database.Database, file: string, retry?: BusyRetryOptions): UserDirectory {
  const all = db.prepare<[], UserColumns>('SELECT * FROM users ORDER BY name');
  const one = db.prepare<[string], UserColumns>('SELECT * FROM users WHERE name = ?');
  const upsert = db.prepare(`INSERT INTO users (name, roles, level, admin, os_user, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET roles = excluded.roles, level = excluded.level, admin = excluded.admin, os_user = excluded.os_user, updated_at = excluded.updated_at`);
  const remove = db.prepare('DELETE FROM users WHERE name = ?');
  const version = db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'directory_version'").pluck();
  const bump = db.prepare(`INSERT INTO store_meta (key, value) VALUES ('directory_version', '1')
    ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)`);

  const putTx = db.transaction((input: Parameters<UserDirectory['putUser']>[0], now: Date): UserRecord => {
    const existing = one.get(input.name);
    const record = buildUserRecord(input, existing === undefined ? undefined : toUserRecord(existing), now);
    upsert.run(...userColumnValues(record));
    bump.run();
    return record;
  });
  const removeTx = db.transaction((name: string): boolean => {
    if (remove.run(name).changes === 0) return false;
    bump.run();
    return true;
  });

  return {
    async listUsers() {
      return all.all().map(toUserRecord);
    },
    async getUser(name) {
      const row = one.get(name);
      return row === undefined ? undefined : toUserRecord(row);
    },
    async putUser(input, now = new Date()) {
      validateUser(input); // before the transaction: a bad name never reaches a statement
      return retryBusy(file, () => putTx.immediate(input, now), retry);
    },
    async removeUser(name) {
      return retryBusy(file, () => removeTx.immediate(name), retry);
    },
    async directoryVersion() {
      return Number(version.get() ?? 0);
    },
  };
}
