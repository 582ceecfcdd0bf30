import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { AppendRequest, RunEvent, RunStore } from '@sopflow/engine';
import { auditKeyId, createPostgresStore, type AuditKey } from '../index.js';
import { dropTestSchema, freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { sampleAppend, sampleBatches, writeSampleRun } from '../test-support/sample-run.js';
import { countingClient } from '../test-support/counting-pg-client.js';

const ann = { owner: 'ann', host: 'h1', pid: 11, processStartedAt: 0 };
const bob = { owner: 'bob', host: 'h2', pid: 22, processStartedAt: 0 };
const key: AuditKey = { id: auditKeyId(Buffer.alloc(32, 5)), secret: Buffer.alloc(32, 5) };

/** Every statement the store's pooled connections send, in order (the LISTEN connection is not pooled). */
const sent: string[] = [];
const CountingClient = countingClient(sent);

/** A step under way: its result and the next step's start, as the engine appends them under the run's lease. */
function stepEvents(count: number): RunEvent[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'StepStarted', at: '2026-01-01T00:00:03.000Z', nodeId: 'check', activation: 1, attempt: i + 1 }) as RunEvent);
}

describe('postgres round trips of a worker', () => {
  const schemas: string[] = [];
  after(async () => { for (const schema of schemas) await dropTestSchema(schema); });

  /** A fresh store holding run `r` (its first batch written, no lease), for `work`; closed after. */
  async function withRun(work: (run: { store: RunStore; written: RunEvent[]; schema: string }) => Promise<void>): Promise<void> {
    const schema = await freshTestSchema();
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: TEST_POSTGRES_URL, Client: CountingClient } as pg.PoolConfig, { schema, auditKey: key });
    try {
      await writeSampleRun(store, 'r', 1);
      await work({ store, written: [...sampleBatches('r')[0]], schema });
    } finally {
      await store.close();
    }
  }

  /** `withRun`, the run under ann's lease. */
  async function withHeldRun(work: (held: { store: RunStore; epoch: number; written: RunEvent[]; schema: string }) => Promise<void>): Promise<void> {
    await withRun(async (run) => {
      assert.equal(await run.store.acquireLease('r', ann, new Date(), 60_000), true);
      await work({ ...run, epoch: (await run.store.listLeases(['r']))[0].epoch! });
    });
  }

  /** One step of `r` appended under ann's lease, then her lease broken and granted to bob. */
  async function stepThenGrantToBob(store: RunStore, written: RunEvent[], epoch: number): Promise<void> {
    await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
    assert.equal(await store.breakLease('r', 'ann'), true);
    assert.equal(await store.acquireLease('r', bob, new Date(), 60_000), true);
  }

  /** `count` events on top of `written` to run `runId`, the run row left as stored (status, runnable, queue): only its head moves. */
  function headOnly(written: readonly RunEvent[], count: number, fence?: { owner: string; epoch: number }, runId = 'r'): AppendRequest {
    return { ...sampleAppend(runId, written, stepEvents(count)), run: sampleAppend(runId, [], sampleBatches(runId)[0]).run, ...(fence === undefined ? {} : { fence }) };
  }

  /** Appends `request` and adds its events to `written` (as the engine's cached state would). */
  async function appendStep(store: RunStore, written: RunEvent[], request: AppendRequest): Promise<void> {
    assert.deepEqual(await store.append(request), { ok: true, version: written.length + request.events.length });
    written.push(...request.events.map((e) => e.data as RunEvent));
  }

  it('appends a step under way under its lease in four statements: BEGIN, the head with its fence, the head moved with the events, COMMIT', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      sent.length = 0;
      assert.deepEqual(await store.append(headOnly(written, 2, { owner: 'ann', epoch })), { ok: true, version: 4 });
      assert.deepEqual(sent, ['BEGIN', 'sopflow_run_head_fence', 'sopflow_advance_insert_2', 'COMMIT']);
      assert.deepEqual((await store.readEvents('r')).map((e) => e.seq), [1, 2, 3, 4]);
      assert.equal((await store.verifyAuditChain('r')).ok, true);
    });
  });

  it('stores a head-only append of 40 events (two INSERT batches) in order, with a chain that verifies', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      sent.length = 0;
      assert.deepEqual(await store.append(headOnly(written, 40, { owner: 'ann', epoch })), { ok: true, version: 42 });
      assert.deepEqual(sent.filter((s) => s.startsWith('sopflow_advance') || s.startsWith('sopflow_insert')), ['sopflow_advance_insert_32', 'sopflow_insert_events_8']);
      const events = await store.readEvents('r');
      assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 42 }, (_, i) => i + 1));
      assert.equal((events[41].data as { attempt: number }).attempt, 40);
      assert.equal((await store.getRun('r'))!.version, 42);
      assert.equal((await store.verifyAuditChain('r')).ok, true);
    });
  });

  it("claims in ONE statement, and a claimed run's first append under the new lease is ONE statement against the head the claim read", async () => {
    await withRun(async ({ store, written }) => {
      sent.length = 0;
      assert.deepEqual(await store.claimRuns(ann, new Date(), 60_000, 5), ['r']);
      assert.deepEqual(sent, ['sopflow_claim']);
      const epoch = (await store.listLeases(['r']))[0].epoch!;
      sent.length = 0;
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      assert.deepEqual(sent, ['sopflow_append_on_head_1']);
      assert.equal((await store.verifyAuditChain('r')).ok, true);
    });
  });

  it("a claimed run's first append after another process moved its head falls back to the transaction and reports the conflict", async () => {
    await withRun(async ({ store, written, schema }) => {
      assert.deepEqual(await store.claimRuns(ann, new Date(), 60_000, 5), ['r']);
      const epoch = (await store.listLeases(['r']))[0].epoch!;
      const other = await createPostgresStore(TEST_POSTGRES_URL, { schema, auditKey: key });
      await appendStep(other, [...written], headOnly(written, 1)).finally(() => other.close());
      sent.length = 0;
      assert.deepEqual(await store.append(headOnly(written, 1, { owner: 'ann', epoch })), { ok: false, reason: 'conflict', actualVersion: 3 });
      assert.deepEqual(sent.slice(0, 2), ['sopflow_append_on_head_1', 'BEGIN']);
      assert.equal((await store.readEvents('r')).length, 3);
    });
  });

  it("reads a taken-over run's events, row and due timers through named statements (prepared once per connection), as the shared reads give them", async () => {
    await withHeldRun(async ({ store }) => {
      sent.length = 0;
      const events = await store.readEvents('r');
      const run = await store.getRun('r');
      const timers = await store.dueTimers('r', new Date());
      assert.deepEqual(sent, ['sopflow_run_events', 'sopflow_run', 'sopflow_due_timers']);
      assert.deepEqual(events.map((e) => [e.seq, e.type, (e.data as RunEvent).type]), [[1, 'RunStarted', 'RunStarted'], [2, 'StepScheduled', 'StepScheduled']]);
      assert.deepEqual([run!.id, run!.version, run!.status], ['r', 2, 'running']);
      assert.deepEqual(timers, []);
      assert.deepEqual((await store.readEvents('r', 1)).map((e) => e.seq), [2]);
    });
  });

  it('refuses a fenced append when the lease is gone (fenced) or the run is (conflict at version 0), and writes nothing', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await store.releaseLease('r', 'ann');
      assert.deepEqual(await store.append(headOnly(written, 1, { owner: 'ann', epoch })), { ok: false, reason: 'fenced', actualVersion: 2 });
      assert.equal((await store.readEvents('r')).length, 2);
      assert.deepEqual(await store.append({ ...headOnly(written, 1, { owner: 'ann', epoch }), runId: 'missing', expectedVersion: 3 }), { ok: false, reason: 'conflict', actualVersion: 0 });
    });
  });

  it('appends the next step under the same lease in ONE statement (no BEGIN/COMMIT) against the head its previous append left; the keyed chain and head MAC verify', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await appendStep(store, written, headOnly(written, 2, { owner: 'ann', epoch }));
      sent.length = 0;
      await appendStep(store, written, headOnly(written, 2, { owner: 'ann', epoch }));
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      assert.deepEqual(sent, ['sopflow_append_on_head_2', 'sopflow_append_on_head_1']);
      assert.deepEqual((await store.readEvents('r')).map((e) => e.seq), [1, 2, 3, 4, 5, 6, 7]);
      assert.equal((await store.getRun('r'))!.version, 7);
      const report = await store.verifyAuditChain('r');
      assert.deepEqual([report.ok, report.keyed, report.breaks], [true, true, []]);
    });
  });

  it('writes nothing through the one statement once another owner was granted the lease: the append is fenced', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await stepThenGrantToBob(store, written, epoch);
      sent.length = 0;
      assert.deepEqual(await store.append(headOnly(written, 1, { owner: 'ann', epoch })), { ok: false, reason: 'fenced', actualVersion: 3 });
      assert.equal(sent[0], 'sopflow_append_on_head_1');
      assert.equal((await store.readEvents('r')).length, 3);
    });
  });

  /**
   * Runs `append` while another connection's grant of `runId`'s lease to bob is under way (its lease row locked), commits the
   * grant once a statement starting with `statement` waits on a lock (or `append` settled without waiting), and gives `append`'s result.
   */
  async function duringGrant<T>(schema: string, runId: string, statement: string, append: () => Promise<T>): Promise<T> {
    const granter = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    // Watched from a connection of its own: inside the grant's transaction pg_stat_activity is one snapshot, taken at its
    // first read, so a wait that began after it was never seen and the test hung with the append waiting on the grant.
    const watcher = new pg.Client({ connectionString: TEST_POSTGRES_URL });
    await granter.connect();
    await watcher.connect();
    try {
      await granter.query('BEGIN');
      await granter.query(`UPDATE ${schema}.leases SET owner = 'bob', epoch = epoch + 1 WHERE run_id = $1`, [runId]);
      const appending = append();
      let settled = false;
      appending.then(() => { settled = true; }, () => { settled = true; });
      // The append waits on the lease row the grant has locked (one that does not wait has written past the grant); the grant then commits.
      for (let i = 0; !settled; i++) {
        const waiting = await watcher.query("SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND starts_with(query, $1)", [statement]);
        if (waiting.rowCount! > 0) break;
        if (i === 4000) { await granter.query('ROLLBACK'); assert.fail('the append neither waited on the grant nor settled'); }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await granter.query('COMMIT');
      return await appending;
    } finally {
      await granter.end();
      await watcher.end();
    }
  }

  it('a grant to another owner that is under way when the one statement runs makes it write nothing (the lease row is read FOR SHARE)', async () => {
    await withHeldRun(async ({ store, epoch, written, schema }) => {
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      const outcome = await duringGrant(schema, 'r', 'WITH head AS', () => store.append(headOnly(written, 1, { owner: 'ann', epoch })));
      assert.deepEqual(outcome, { ok: false, reason: 'fenced', actualVersion: 3 });
      assert.equal((await store.readEvents('r')).length, 3);
    });
  });

  it('falls back to the transaction when the stored row is not the head this store left (a wake set runnable, version unchanged), storing what the transaction stores', async () => {
    await withHeldRun(async ({ store, epoch, written, schema }) => {
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      await queryTestServer(`UPDATE ${schema}.runs SET runnable = 1 - runnable WHERE id = 'r'`);
      sent.length = 0;
      const request = headOnly(written, 1, { owner: 'ann', epoch });
      await appendStep(store, written, request);
      assert.deepEqual(sent, ['sopflow_append_on_head_1', 'BEGIN', 'sopflow_run_head_fence', 'sopflow_upsert_run', 'sopflow_insert_events_1', 'COMMIT']);
      assert.equal((await store.getRun('r'))!.runnable, request.run.runnable);
      assert.equal((await store.verifyAuditChain('r')).ok, true);
    });
  });

  it('after another process appended (a person answered), a stale version is a conflict that writes nothing, and the re-decided append goes through', async () => {
    await withHeldRun(async ({ store, epoch, written, schema }) => {
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      const other = await createPostgresStore(TEST_POSTGRES_URL, { schema, auditKey: key });
      const answer = headOnly(written, 1);
      await appendStep(other, [...written], answer).finally(() => other.close());
      assert.deepEqual(await store.append(headOnly(written, 1, { owner: 'ann', epoch })), { ok: false, reason: 'conflict', actualVersion: 4 });
      assert.equal((await store.readEvents('r')).length, 4);
      written.push(...answer.events.map((e) => e.data as RunEvent));
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      sent.length = 0;
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      assert.deepEqual(sent, ['sopflow_append_on_head_1']);
      assert.equal((await store.verifyAuditChain('r')).ok, true);
    });
  });

  /** The run's last append under `fence`: RunCompleted, the run row completed (ended, not runnable) and the fence owner's lease dropped. */
  function ending(written: readonly RunEvent[], fence: { owner: string; epoch: number }, runId = 'r'): AppendRequest {
    const completed = { type: 'RunCompleted', at: '2026-01-01T00:00:09.000Z', output: {} } as RunEvent;
    return { ...sampleAppend(runId, written, [completed]), fence, releaseLease: fence.owner };
  }

  it("appends a run's last decision under its lease — the run row completed, ended, not runnable, its lease dropped — in ONE statement, storing what the transaction stores", async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }));
      sent.length = 0;
      await appendStep(store, written, ending(written, { owner: 'ann', epoch }));
      assert.deepEqual(sent, ['sopflow_append_on_head_1']);
      const run = (await store.getRun('r'))!;
      assert.deepEqual([run.status, run.endedAt, run.runnable, run.version], ['completed', '2026-01-01T00:00:09.000Z', false, 4]);
      assert.deepEqual(await store.listLeases(['r']), []);
      const report = await store.verifyAuditChain('r');
      assert.deepEqual([report.ok, report.keyed, report.breaks], [true, true, []]);
    });
  });

  it("a run's last append in ONE statement after its lease was granted to another owner writes nothing, keeps the new owner's lease and reports fenced", async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await stepThenGrantToBob(store, written, epoch);
      sent.length = 0;
      assert.deepEqual(await store.append(ending(written, { owner: 'ann', epoch })), { ok: false, reason: 'fenced', actualVersion: 3 });
      assert.equal(sent[0], 'sopflow_append_on_head_1');
      const run = (await store.getRun('r'))!;
      assert.deepEqual([run.status, run.version], ['running', 3]);
      assert.deepEqual((await store.listLeases(['r'])).map((l) => l.owner), ['bob']);
    });
  });

  /** Runs `ids` under ann's lease in `store`, each with one step appended under the fence, so the store holds each run's head. */
  async function holdRuns(store: RunStore, ids: readonly string[]): Promise<Map<string, { epoch: number; written: RunEvent[] }>> {
    const held = new Map<string, { epoch: number; written: RunEvent[] }>();
    for (const id of ids) {
      await writeSampleRun(store, id, 1);
      assert.equal(await store.acquireLease(id, ann, new Date(), 60_000), true);
      const run = { epoch: (await store.listLeases([id]))[0].epoch!, written: [...sampleBatches(id)[0]] };
      await appendStep(store, run.written, headOnly(run.written, 1, { owner: 'ann', epoch: run.epoch }, id));
      held.set(id, run);
    }
    return held;
  }

  it('appends the steps of several runs issued in the same turn as ONE statement; each run gets its events with a keyed chain and head MAC that verify', async () => {
    await withHeldRun(async ({ store }) => {
      const ids = ['b1', 'b2', 'b3', 'b4'];
      const held = await holdRuns(store, ids);
      sent.length = 0;
      const outcomes = await Promise.all(ids.map((id, i) => store.append(headOnly(held.get(id)!.written, i + 1, { owner: 'ann', epoch: held.get(id)!.epoch }, id))));
      assert.deepEqual(sent, ['sopflow_append_on_heads']);
      assert.deepEqual(outcomes, ids.map((_, i) => ({ ok: true, version: 3 + i + 1 })));
      for (const [i, id] of ids.entries()) {
        const events = await store.readEvents(id);
        assert.deepEqual(events.map((e) => e.seq), Array.from({ length: 3 + i + 1 }, (_, k) => k + 1));
        assert.equal((await store.getRun(id))!.version, 3 + i + 1);
        const report = await store.verifyAuditChain(id);
        assert.deepEqual([report.ok, report.keyed, report.breaks], [true, true, []]);
      }
      // The heads the batch left are held: the next step of each goes through one statement again.
      sent.length = 0;
      await Promise.all(ids.map((id, i) => {
        const { written, epoch } = held.get(id)!;
        written.push(...stepEvents(i + 1));
        return appendStep(store, written, headOnly(written, 1, { owner: 'ann', epoch }, id));
      }));
      assert.deepEqual(sent, ['sopflow_append_on_heads']);
    });
  });

  it('in a batch, a run whose lease was granted to another owner and one whose head another process moved write nothing and report fenced and conflict, while the others commit', async () => {
    await withHeldRun(async ({ store, schema }) => {
      const ids = ['b1', 'b2', 'fenced', 'stale'];
      const held = await holdRuns(store, ids);
      assert.equal(await store.breakLease('fenced', 'ann'), true);
      assert.equal(await store.acquireLease('fenced', bob, new Date(), 60_000), true);
      const other = await createPostgresStore(TEST_POSTGRES_URL, { schema, auditKey: key });
      await appendStep(other, [...held.get('stale')!.written], headOnly(held.get('stale')!.written, 1, undefined, 'stale')).finally(() => other.close());
      sent.length = 0;
      const outcomes = await Promise.all(ids.map((id) => store.append(headOnly(held.get(id)!.written, 2, { owner: 'ann', epoch: held.get(id)!.epoch }, id))));
      assert.deepEqual(outcomes, [
        { ok: true, version: 5 }, { ok: true, version: 5 }, { ok: false, reason: 'fenced', actualVersion: 3 }, { ok: false, reason: 'conflict', actualVersion: 4 },
      ]);
      // One batch statement for all four; only the two it refused take the transaction, which tells fence from conflict.
      assert.deepEqual(sent.filter((s) => s === 'sopflow_append_on_heads' || s === 'BEGIN'), ['sopflow_append_on_heads', 'BEGIN', 'BEGIN']);
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await store.readEvents(id)).length)), [5, 5, 3, 4]);
      for (const id of ids) assert.equal((await store.verifyAuditChain(id)).ok, true);
    });
  });

  it("in a batch, runs' last appends end their runs and drop only their own leases, beside steps under way", async () => {
    await withHeldRun(async ({ store }) => {
      const ids = ['b1', 'b2', 'b3'];
      const held = await holdRuns(store, ids);
      sent.length = 0;
      const outcomes = await Promise.all(ids.map((id) => {
        const { written, epoch } = held.get(id)!;
        const fence = { owner: 'ann', epoch };
        return store.append(id === 'b2' ? headOnly(written, 1, fence, id) : ending(written, fence, id));
      }));
      assert.deepEqual(sent, ['sopflow_append_on_heads']);
      assert.deepEqual(outcomes, ids.map(() => ({ ok: true, version: 4 })));
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await store.getRun(id))!.status)), ['completed', 'running', 'completed']);
      assert.deepEqual((await store.listLeases(ids)).map((l) => l.runId), ['b2']);
      for (const id of ids) assert.equal((await store.verifyAuditChain(id)).ok, true);
    });
  });

  it('in a batch, a run whose grant to another owner is under way makes the statement wait on its lease row, then write nothing for it (fenced) and commit the others', async () => {
    await withHeldRun(async ({ store, schema }) => {
      const ids = ['b1', 'b2', 'b3'];
      const held = await holdRuns(store, ids);
      sent.length = 0;
      const outcomes = await duringGrant(schema, 'b2', 'WITH input AS', () => Promise.all(ids.map((id) => store.append(headOnly(held.get(id)!.written, 1, { owner: 'ann', epoch: held.get(id)!.epoch }, id)))));
      assert.deepEqual(outcomes, [{ ok: true, version: 4 }, { ok: false, reason: 'fenced', actualVersion: 3 }, { ok: true, version: 4 }]);
      assert.equal(sent[0], 'sopflow_append_on_heads');
      assert.deepEqual(await Promise.all(ids.map(async (id) => (await store.readEvents(id)).length)), [4, 3, 4]);
    });
  });
});
