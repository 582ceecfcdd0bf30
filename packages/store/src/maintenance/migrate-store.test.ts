import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { RunStore } from '@sopflow/engine';
import { createMemoryStore, createPostgresStore, createSqliteStore, migrateStore, storeMigrationStatus, StoreError, type StoreTarget } from '../index.js';
import { storeMigrations } from '../schema/migrations.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { writeSampleRun } from '../test-support/sample-run.js';
import { openMaintenanceDatabase } from './store-target.js';

const known = Object.keys(await storeMigrations.getMigrations()).sort();
const previous = known[known.length - 2];
const newest = known[known.length - 1];
/** The schema before the fleet's migrations (journeys, the hub, task queues) began. */
const BEFORE_FLEET = '0007_documents';
const drops: string[] = [];
after(async () => { for (const schema of drops) await dropTestSchema(schema); });

const targets: [string, () => Promise<{ target: StoreTarget; open: (readonly?: boolean) => Promise<RunStore> }>][] = [
  ['sqlite', async () => {
    const file = join(tempDir(), 'store.db');
    return { target: { kind: 'sqlite', file }, open: (readonly = false) => createSqliteStore(file, { readonly }) };
  }],
  ['postgres', async () => {
    const schema = await freshTestSchema();
    drops.push(schema);
    return { target: { kind: 'postgres', url: TEST_POSTGRES_URL, schema }, open: (readonly = false) => createPostgresStore(TEST_POSTGRES_URL, { schema, readonly }) };
  }],
];

/** Writes a real run's rows (as a store of the older schema would hold them) straight into the database. */
async function writeOldRows(target: StoreTarget, runId: string, batches?: number): Promise<RunStore> {
  const source = createMemoryStore();
  await writeSampleRun(source, runId, batches);
  const run = (await source.getRun(runId))!;
  const events = await source.readEvents(runId);
  const opened = await openMaintenanceDatabase(target);
  try {
    await opened.db.insertInto('workflows').values({ hash: run.workflowHash, workflow_id: run.workflowId, text: (await source.readWorkflow(run.workflowHash))!, created_at: run.startedAt })
      .onConflict((oc) => oc.column('hash').doNothing()).execute();
    await opened.db.insertInto('runs').values({
      id: runId, workflow_id: run.workflowId, workflow_hash: run.workflowHash, status: run.status, parent_run_id: null, started_at: run.startedAt,
      ended_at: run.endedAt ?? null, runnable: run.runnable ? 1 : 0, version: run.version, last_hash: events.at(-1)!.hash, chain_scheme: 'sha256', head_mac: null,
    }).execute();
    await opened.db.insertInto('events').values(events.map((e) => ({ run_id: runId, seq: e.seq, type: e.type, data: JSON.stringify(e.data), at: e.at, prev_hash: e.prevHash, hash: e.hash }))).execute();
    for (const task of await source.listTasks({ runId })) {
      await opened.db.insertInto('tasks').values({
        id: task.id, run_id: runId, node_id: task.nodeId, kind: task.kind, status: task.status, role: task.role ?? null, assignee: null, reason: null, title: task.title,
        form: null, due_at: null, created_at: task.createdAt, completed_at: task.completedAt ?? null, completed_by: task.completedBy ?? null,
        result: task.result === undefined ? null : JSON.stringify(task.result),
      }).execute();
    }
  } finally {
    await opened.close();
  }
  return source;
}

for (const [name, location] of targets) {
  describe(`versioned migrations on ${name}`, () => {
    it(`upgrades a store at the previous schema version (${previous}) to ${newest}, keeping its run, events, hashes and tasks`, async () => {
      const { target, open } = await location();
      const first = await migrateStore(target, { to: previous });
      assert.deepEqual(first.ran, known.slice(0, -1));
      const before = await storeMigrationStatus(target);
      assert.deepEqual(before.pending, [newest]);
      assert.deepEqual(before.applied.map((m) => m.name), known.slice(0, -1));
      // An older store is refused read-only (reading never migrates) until it is migrated.
      await assert.rejects(open(true), (e: unknown) => e instanceof StoreError && e.code === 'store_too_old');
      const source = await writeOldRows(target, 'r-old');
      const report = await migrateStore(target);
      assert.deepEqual(report.ran, [newest]);
      assert.deepEqual(report.applied, known);
      assert.deepEqual((await migrateStore(target)).ran, [], 'a second migrate has nothing to run');
      const store = await open(true);
      try {
        assert.deepEqual(await store.readEvents('r-old'), await source.readEvents('r-old'));
        assert.deepEqual(await store.getRun('r-old'), await source.getRun('r-old'));
        assert.deepEqual(await store.listTasks({ runId: 'r-old' }), await source.listTasks({ runId: 'r-old' }));
        const audit = await store.verifyAuditChain();
        assert.equal(audit.ok, true, JSON.stringify(audit.breaks));
        assert.equal(audit.eventsChecked, (await source.readEvents('r-old')).length);
      } finally {
        await store.close();
      }
    });

    it(`upgrades a store from ${BEFORE_FLEET} through journeys, the hub and task queues (0008–0010) to ${newest}: rows kept, an old runnable run is on the default queue and a default worker claims it, heartbeats are recorded, the audit verifies`, async () => {
      const { target, open } = await location();
      await migrateStore(target, { to: BEFORE_FLEET });
      const done = await writeOldRows(target, 'r-done');
      // Started, a task opened and completed: its step is ready, so the run is runnable.
      const ready = await writeOldRows(target, 'r-ready', 3);
      const report = await migrateStore(target);
      assert.deepEqual(report.ran, known.slice(known.indexOf(BEFORE_FLEET) + 1));
      for (const name of ['0008_journeys', '0009_hub', '0010_task_queues']) assert.ok(report.ran.includes(name), name);
      const store = await open();
      try {
        for (const [runId, source] of [['r-done', done], ['r-ready', ready]] as const) {
          assert.deepEqual(await store.readEvents(runId), await source.readEvents(runId));
          assert.deepEqual(await store.getRun(runId), await source.getRun(runId));
        }
        assert.equal((await store.getRun('r-ready'))?.queue, 'default');
        const holder = { owner: 'w', host: 'h', pid: 1, processStartedAt: 0 };
        assert.deepEqual(await store.claimRuns(holder, new Date(), 1000, 5, { queues: ['gpu'], skip: [] }), [], 'not on the gpu queue');
        assert.deepEqual(await store.claimRuns(holder, new Date(), 1000, 5), ['r-ready']);
        await store.recordWorker({ owner: 'w', host: 'h', pid: 1, queues: ['default'], expiresAt: Date.now() + 60_000 });
        assert.deepEqual((await store.listWorkers()).map((w) => [w.owner, w.queues]), [['w', ['default']]]);
        const audit = await store.verifyAuditChain();
        assert.equal(audit.ok, true, JSON.stringify(audit.breaks));
        assert.equal(audit.runsChecked, 2);
      } finally {
        await store.close();
      }
    });

    it('lists every migration pending for a store that does not exist yet, and creates nothing', async () => {
      const { target } = await location();
      const status = await storeMigrationStatus(target);
      assert.deepEqual(status.pending, known);
      assert.deepEqual(status.applied, []);
      if (target.kind === 'sqlite') assert.equal(existsSync(target.file), false);
      else assert.equal((await queryTestServer('SELECT 1 FROM pg_namespace WHERE nspname = $1', [target.schema])).rowCount, 0);
    });

    it('refuses a store written by a newer sopflow at start-up and in migrate, and leaves it unchanged', async () => {
      const { target, open } = await location();
      await (await open()).close();
      const opened = await openMaintenanceDatabase(target);
      await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(opened.db);
      await opened.close();
      const tooNew = (e: unknown) => e instanceof StoreError && e.code === 'store_too_new' && /9999_from_the_future is unknown here\); upgrade sopflow to open it/.test(e.message);
      await assert.rejects(open(), tooNew);
      await assert.rejects(open(true), tooNew);
      await assert.rejects(migrateStore(target), tooNew);
      const status = await storeMigrationStatus(target);
      assert.deepEqual(status.unknown, ['9999_from_the_future']);
      assert.deepEqual(status.pending, []);
    });
  });
}
