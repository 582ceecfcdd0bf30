import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore, StoreError } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';
import { writeSampleRun } from '../test-support/sample-run.js';

/** Holds the write lock with BEGIN IMMEDIATE on a second connection until `release` is called. */
function holdLock(file: string): { release(): void } {
  const other = new Database(file);
  other.exec('BEGIN IMMEDIATE');
  return { release: () => { other.exec('COMMIT'); other.close(); } };
}

describe('sqlite writes while another connection holds the write lock', () => {
  it('retries an append until the lock is released, and writes it exactly once', async () => {
    const file = join(tempDir(), 'busy.db');
    // busy_timeout 0: SQLite itself does not wait, so only the retry can make this append succeed.
    const store = await createSqliteStore(file, { busyTimeoutMs: 0 });
    const lock = holdLock(file);
    setTimeout(() => lock.release(), 150);
    await writeSampleRun(store, 'a', 1);
    assert.deepEqual((await store.readEvents('a')).map((e) => e.seq), [1, 2]);
    assert.equal((await store.verifyAuditChain()).ok, true);
    await store.close();
  });

  it('gives up with StoreError busy when the tries run out, having written nothing', async () => {
    const file = join(tempDir(), 'stuck.db');
    const store = await createSqliteStore(file, { busyTimeoutMs: 0, busyRetry: { attempts: 3, baseDelayMs: 1 } });
    const lock = holdLock(file);
    await assert.rejects(writeSampleRun(store, 'a', 1), (e: unknown) => e instanceof StoreError && e.code === 'busy' && /locked by another process \(gave up after 3 tries\)/.test(e.message));
    await assert.rejects(store.putUser({ name: 'ann' }), (e: unknown) => e instanceof StoreError && e.code === 'busy');
    lock.release();
    assert.equal(await store.getRun('a'), undefined);
    assert.equal(await store.directoryVersion(), 0);
    await store.close();
  });

  it('retries a user write while another process holds a long transaction', async () => {
    const file = join(tempDir(), 'child.db');
    const store = await createSqliteStore(file, { busyTimeoutMs: 0 });
    const sqlitePath = createRequire(import.meta.url).resolve('better-sqlite3');
    const script = `const D = require(${JSON.stringify(sqlitePath)}); const db = new D(${JSON.stringify(file)}); db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO store_meta (key, value) VALUES ('held_by_child', '1')").run(); console.log('locked');
      setTimeout(() => { db.exec('COMMIT'); db.close(); }, 300);`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    await once(child.stdout, 'data');
    const user = await store.putUser({ name: 'ann', roles: ['nurse'] });
    assert.equal(user.name, 'ann');
    assert.deepEqual(await exited, [0, null]);
    assert.equal(await store.directoryVersion(), 1);
    assert.deepEqual((await store.listUsers()).map((u) => u.name), ['ann']);
    await store.close();
  });
});
