import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { createSqliteStore, StoreError } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';

const PROCESSES = 4;

/**
 * Each child loads the store, says "ready", waits for "go" on stdin, then opens `file` with the
 * same audit key and prints "opened" or the error: the opens start within a millisecond of each other.
 */
const CHILD = `
import { createInterface } from 'node:readline';
import { auditKeyId, createSqliteStore } from '@sopflow/store';
const secret = Buffer.alloc(32, 7);
process.stdout.write('ready\\n');
for await (const _ of createInterface({ input: process.stdin })) break;
try {
  const store = await createSqliteStore(process.argv[1], { auditKey: { id: auditKeyId(secret), secret } });
  await store.close();
  process.stdout.write('opened\\n');
} catch (error) {
  process.stdout.write(\`\${error.code}: \${error.message}\\n\`);
}
`;

async function openTogether(file: string): Promise<string[]> {
  const children = Array.from({ length: PROCESSES }, () => spawn(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', '--input-type=module', '-e', CHILD, file], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
  for (const line of lines) assert.equal((await line.next()).value, 'ready');
  for (const child of children) child.stdin!.end('go\n');
  const outcomes = await Promise.all(lines.map(async (line) => String((await line.next()).value)));
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(undefined)))));
  return outcomes;
}

describe('processes opening one fresh SQLite store at once', () => {
  it(`${PROCESSES} processes each migrate and key a new file: every one opens it, the migrations ran once, one key is recorded`, { timeout: 120_000 }, async () => {
    for (let round = 0; round < 3; round++) {
      const file = join(tempDir(), 'fresh.db');
      assert.deepEqual(await openTogether(file), Array(PROCESSES).fill('opened'), `round ${round + 1}`);
      const db = new Database(file, { readonly: true });
      const names = db.prepare<[], string>('SELECT name FROM kysely_migration').pluck().all();
      assert.equal(new Set(names).size, names.length, 'each migration recorded once');
      assert.equal(db.prepare("SELECT count(*) FROM store_meta WHERE key = 'audit_key_id'").pluck().get(), 1);
      db.close();
    }
  });

  it('rolls every migration of a failed open back, leaving what the file held', async () => {
    const file = join(tempDir(), 'taken.db');
    const raw = new Database(file);
    raw.exec("CREATE TABLE hub_packages (note TEXT); INSERT INTO hub_packages VALUES ('kept')"); // a later migration creates this table
    raw.close();
    await assert.rejects(createSqliteStore(file), (e: unknown) => e instanceof StoreError && e.code === 'migration_failed' && /hub_packages/.test(e.message));
    const db = new Database(file, { readonly: true });
    const tables = db.prepare<[], string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'kysely_%' ORDER BY name").pluck().all();
    assert.deepEqual(tables, ['hub_packages']);
    assert.deepEqual(db.prepare('SELECT note FROM hub_packages').pluck().all(), ['kept']);
    db.close();
  });

  it('opens an up-to-date file while another process holds the write lock (no migration, so no lock taken)', async () => {
    const file = join(tempDir(), 'busy.db');
    await (await createSqliteStore(file)).close();
    const writer = new Database(file);
    writer.exec('BEGIN IMMEDIATE');
    try {
      const store = await createSqliteStore(file, { busyTimeoutMs: 50 });
      assert.deepEqual(await store.listRuns(), []);
      await store.close();
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });
});
