import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { RunStore } from '@sopflow/engine';
import { auditKeyId, processRecordsOf, createPostgresStore, createSqliteStore, exportStore, importStore, StoreError, type AuditKey, type StoreAuditReport, type StoreTarget } from '../index.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { writeSampleRun } from '../test-support/sample-run.js';

const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 7)), secret: Buffer.alloc(32, 7) };
const otherKey: AuditKey = { id: auditKeyId(Buffer.alloc(32, 9)), secret: Buffer.alloc(32, 9) };
const drops: string[] = [];
after(async () => { for (const schema of drops) await dropTestSchema(schema); });

const WORKER = { owner: 'worker-1', host: 'elsewhere', pid: 4242, processStartedAt: 0 };

interface Place { name: string; target: StoreTarget; open: (auditKey?: AuditKey) => Promise<RunStore> }

const places: Record<'sqlite' | 'postgres', () => Promise<Place>> = {
  sqlite: async () => {
    const file = join(tempDir(), 'store.db');
    return { name: 'sqlite', target: { kind: 'sqlite', file }, open: (auditKey) => createSqliteStore(file, auditKey === undefined ? {} : { auditKey }) };
  },
  postgres: async () => {
    const schema = await freshTestSchema();
    drops.push(schema);
    return { name: 'postgres', target: { kind: 'postgres', url: TEST_POSTGRES_URL, schema }, open: (auditKey) => createPostgresStore(TEST_POSTGRES_URL, { schema, ...(auditKey === undefined ? {} : { auditKey }) }) };
  },
};

/**
 * A keyed source: two finished runs, one waiting on a person, one runnable (held by a live worker, whose
 * lease and heartbeat row are not exported), a user, a signed checkpoint, two tenants' admin logs (three rows each).
 */
async function fill(place: Place): Promise<void> {
  const store = await place.open(key);
  try {
    await writeSampleRun(store, 'r1');
    await writeSampleRun(store, 'r2');
    await store.putUser({ name: 'ann', roles: ['nurse'], admin: true });
    for (const tenantId of ['t-a', 't-b']) {
      for (let n = 1; n <= 3; n++) {
        await processRecordsOf(store)!.audit.record({ id: `au-${tenantId}-${n}`, tenantId, at: `2026-01-01T00:00:0${n}.000Z`, actor: 'ops@acme', action: 'user.add', target: `u${n}`, details: { roles: ['admin'] } });
      }
    }
    await store.writeAuditCheckpoint(new Date('2026-01-02T00:00:00.000Z'));
    await writeSampleRun(store, 'r3', 2);
    await writeSampleRun(store, 'r4', 3);
    assert.deepEqual(await store.claimRuns(WORKER, new Date(), 60_000, 5), ['r4']);
    await store.recordWorker({ owner: WORKER.owner, host: WORKER.host, pid: WORKER.pid, queues: ['default'], expiresAt: Date.now() + 60_000 });
  } finally {
    await store.close();
  }
}

async function exported(target: StoreTarget): Promise<string[]> {
  const lines: string[] = [];
  await exportStore(target, (line) => { lines.push(line); });
  return lines;
}

async function* linesOf(lines: readonly string[]): AsyncIterable<string> {
  yield* lines;
}

async function snapshot(store: RunStore) {
  const runs = await store.listRuns();
  return {
    runs,
    events: await Promise.all(runs.map((r) => store.readEvents(r.id))),
    tasks: await store.listTasks(),
    users: (await store.listUsers()).map((u) => ({ ...u })),
    directoryVersion: await store.directoryVersion(),
  };
}

for (const [from, to] of [['sqlite', 'postgres'], ['postgres', 'sqlite']] as const) {
  describe(`db export from ${from}, import into ${to}`, () => {
    it('copies runs, events with their hashes, tasks, users and the checkpoint; the audit verifies on the copy with the same key (and the checkpoint is checked)', async () => {
      const source = await places[from]();
      const copy = await places[to]();
      await fill(source);
      const lines = await exported(source.target);
      const header = JSON.parse(lines[0]) as { auditKeyId: string; tables: string[] };
      assert.equal(header.auditKeyId, key.id);
      assert.deepEqual(header.tables.slice(0, 3), ['workflows', 'runs', 'events']);
      assert.ok(!lines.some((l) => l.includes(key.secret.toString('hex'))), 'the secret is never exported');
      assert.ok(!header.tables.includes('leases') && !header.tables.includes('workers'), 'who works on a run now is not exported');
      const loaded = await importStore(copy.target, linesOf(lines));
      assert.equal(loaded.runs, 4);
      assert.equal(loaded.events, 7 + 7 + 3 + 4);
      assert.equal(loaded.audit_checkpoints, 1);
      const a = await source.open(key);
      const b = await copy.open(key);
      try {
        assert.deepEqual(await snapshot(b), await snapshot(a));
        const report = await b.verifyAuditChain();
        assert.equal(report.ok, true, JSON.stringify(report.breaks));
        assert.equal(report.keyed, true);
        assert.equal(report.checkpoint?.ok, true);
        assert.equal(report.runsChecked, 4);
        // Both tenants' admin chains verify on the copy under the same key, and the copy appends on them.
        const admin = processRecordsOf(b)!.audit;
        assert.deepEqual(await admin.list('t-a'), await processRecordsOf(a)!.audit.list('t-a'));
        await admin.record({ id: 'au-t-a-4', tenantId: 't-a', at: '2026-01-03T00:00:00.000Z', actor: 'ops@acme', action: 'user.remove', target: 'u1', details: null });
        const whole: StoreAuditReport = await b.verifyAuditChain();
        const adminReport = whole.adminLog!;
        assert.deepEqual({ ok: adminReport.ok, tenants: adminReport.tenantsChecked, rows: adminReport.rowsChecked, breaks: adminReport.breaks }, { ok: true, tenants: 2, rows: 7, breaks: [] });
        // The copy still appends on the imported chains.
        assert.equal((await b.readEvents('r3')).length, (await a.readEvents('r3')).length);
        // No lease or heartbeat came along: the runnable run, on the default queue, is free for the copy's first worker.
        assert.deepEqual(await b.listWorkers(), []);
        assert.deepEqual(await b.listLeases(), []);
        assert.equal((await b.getRun('r4'))?.queue, 'default');
        assert.deepEqual(await b.claimRuns({ ...WORKER, owner: 'worker-2' }, new Date(), 60_000, 5), ['r4']);
      } finally {
        await a.close();
        await b.close();
      }
      await assert.rejects(copy.open(otherKey), (e: unknown) => e instanceof StoreError && e.code === 'audit_key_mismatch');
    });

    it('refuses to import into a store that holds anything, writing nothing, unless told to replace it', async () => {
      const source = await places[from]();
      const copy = await places[to]();
      await fill(source);
      const lines = await exported(source.target);
      const target = await copy.open(key);
      await writeSampleRun(target, 'mine');
      await target.close();
      await assert.rejects(importStore(copy.target, linesOf(lines)), (e: unknown) => e instanceof StoreError && e.code === 'not_empty'
        && /is not empty \(1 workflows, 1 runs, 7 events, 1 tasks, 2 store_meta\); import only into an empty store, or give --replace/.test(e.message));
      const unchanged = await copy.open(key);
      assert.deepEqual((await unchanged.listRuns()).map((r) => r.id), ['mine']);
      await unchanged.close();
      await importStore(copy.target, linesOf(lines), { replace: true });
      const replaced = await copy.open(key);
      try {
        assert.deepEqual((await replaced.listRuns()).map((r) => r.id), ['r1', 'r2', 'r3', 'r4']);
        assert.equal((await replaced.verifyAuditChain()).ok, true);
      } finally {
        await replaced.close();
      }
    });

    it('refuses a broken export at its line, and writes nothing', async () => {
      const source = await places[from]();
      const copy = await places[to]();
      await fill(source);
      const lines = await exported(source.target);
      const broken = [...lines.slice(0, 4), '{"table":"nope","row":{}}', ...lines.slice(4)];
      await assert.rejects(importStore(copy.target, linesOf(broken)), (e: unknown) => e instanceof StoreError && e.code === 'invalid_request' && /^line 5 of the export: expected/.test(e.message));
      await assert.rejects(importStore(copy.target, linesOf(['{"hello": 1}'])), (e: unknown) => e instanceof StoreError && /line 1 of the export: not a sopflow store export/.test(e.message));
      const store = await copy.open();
      try {
        assert.deepEqual(await store.listRuns(), []);
      } finally {
        await store.close();
      }
    });
  });
}
