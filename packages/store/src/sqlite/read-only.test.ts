import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createSqliteStore, StoreError } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';
import { writeSampleRun } from '../test-support/sample-run.js';

const isStoreError = (code: string, message?: RegExp) => (e: unknown) => e instanceof StoreError && e.code === code && (message === undefined || message.test(e.message));

describe('sqlite store opened read-only', () => {
  it('refuses a missing path with not_found and creates neither the file nor its folder', async () => {
    const dir = tempDir();
    const file = join(dir, 'typo', 'sopflow.db');
    await assert.rejects(createSqliteStore(file, { readonly: true }), isStoreError('not_found'));
    await assert.rejects(createSqliteStore(join(dir, 'typo.db'), { readonly: true }), (e: unknown) => e instanceof StoreError && e.message === `no sopflow database at ${resolve(dir, 'typo.db')}`);
    assert.equal(existsSync(join(dir, 'typo')), false);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('reads runs, events and users of an existing store and refuses every write with read_only', async () => {
    const file = join(tempDir(), 'ro.db');
    const writer = await createSqliteStore(file);
    await writeSampleRun(writer, 'a', 2);
    await writer.close();
    const store = await createSqliteStore(file, { readonly: true });
    assert.equal((await store.getRun('a'))?.status, 'waiting');
    assert.equal((await store.readEvents('a')).length, 3);
    assert.equal((await store.verifyAuditChain()).ok, true);
    const request = { runId: 'a', expectedVersion: 3, events: [], run: { id: 'a', workflowId: 'wf', workflowHash: 'x', status: 'running' as const, startedAt: '', runnable: true } };
    await assert.rejects(store.append(request), isStoreError('read_only', /opened read-only; append needs a writing command/));
    await assert.rejects(store.claimRuns({ owner: 'w', host: 'h', pid: 1, processStartedAt: 0 }, new Date(), 1000, 1), isStoreError('read_only'));
    await assert.rejects(store.writeAuditCheckpoint(), isStoreError('read_only'));
    await store.close();
    assert.equal((await (await createSqliteStore(file, { readonly: true })).getRun('a'))?.version, 3);
  });

  it('refuses a file written by an older sopflow (or holding no schema) instead of migrating it', async () => {
    const dir = tempDir();
    const empty = join(dir, 'empty.db');
    new Database(empty).close();
    await assert.rejects(createSqliteStore(empty, { readonly: true }), isStoreError('store_too_old', /holds no sopflow schema yet; run a writing command/));
    const old = join(dir, 'old.db');
    const raw = new Database(old);
    raw.exec("CREATE TABLE kysely_migration (name TEXT PRIMARY KEY, timestamp TEXT NOT NULL); INSERT INTO kysely_migration VALUES ('0001_runs_events', '2026-01-01')");
    raw.close();
    const before = readFileSync(old);
    await assert.rejects(createSqliteStore(old, { readonly: true }), isStoreError('store_too_old', /written by an older sopflow \(schema 0002_directory.* not applied yet\); run a writing command/));
    assert.deepEqual(readFileSync(old), before);
  });

  it('refuses a store written by a newer sopflow in both modes, leaving it unchanged', async () => {
    const file = join(tempDir(), 'new.db');
    await (await createSqliteStore(file)).close();
    const raw = new Database(file);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')").run();
    raw.close();
    const before = readFileSync(file);
    for (const readonly of [true, false]) {
      await assert.rejects(createSqliteStore(file, { readonly }), isStoreError('store_too_new', /newer sopflow \(schema 9999_from_the_future is unknown here\); upgrade sopflow/));
    }
    assert.deepEqual(readFileSync(file), before);
  });

  it('refuses a corrupted file read-only with the same clear error', async () => {
    const file = join(tempDir(), 'bad.db');
    writeFileSync(file, 'not a database '.repeat(400));
    await assert.rejects(createSqliteStore(file, { readonly: true }), isStoreError('corrupt_database', /not a usable sopflow database/));
  });
});
