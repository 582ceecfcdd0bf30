import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { auditKeyId, createSqliteStore, StoreError, type AuditKey } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';
import { settleAuditKey } from './sqlite-audit.js';

const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 7)), secret: Buffer.alloc(32, 7) };
const otherKey: AuditKey = { id: auditKeyId(Buffer.alloc(32, 9)), secret: Buffer.alloc(32, 9) };

/**
 * A connection on which another process keys the store (on `other`) just after this one has read
 * that it is unkeyed: the interleaving of two workers opening a fresh store at the same moment.
 */
function racedConnection(file: string, othersKey: AuditKey): Database.Database {
  const db = new Database(file);
  const other = new Database(file);
  let raced = false;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (raced || !sql.includes("key = 'audit_key_id'")) return statement;
    const pluck = statement.pluck.bind(statement);
    statement.pluck = (() => {
      const plucked = pluck();
      const get = plucked.get.bind(plucked);
      plucked.get = ((...args: []) => {
        const seen = get(...args);
        if (!raced) {
          raced = true;
          settleAuditKey(other, file, othersKey, false);
          other.close();
        }
        return seen;
      }) as typeof plucked.get;
      return plucked;
    }) as typeof statement.pluck;
    return statement;
  }) as typeof db.prepare;
  return db;
}

describe('keying a SQLite store while another process keys it', () => {
  it('takes the key the other process recorded first, instead of failing on the unique key row', async () => {
    const file = join(tempDir(), 'fresh.db');
    await (await createSqliteStore(file)).close(); // migrated, not yet keyed
    const db = racedConnection(file, key);
    assert.equal(settleAuditKey(db, file, key, false)?.id, key.id);
    assert.deepEqual(db.prepare("SELECT value FROM store_meta WHERE key = 'audit_key_id'").pluck().all(), [key.id]);
    db.close();
  });

  it('refuses with audit_key_mismatch when the other process keyed it with a different key', async () => {
    const file = join(tempDir(), 'fresh.db');
    await (await createSqliteStore(file)).close();
    const db = racedConnection(file, otherKey);
    assert.throws(() => settleAuditKey(db, file, key, false), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_mismatch');
    db.close();
  });
});
