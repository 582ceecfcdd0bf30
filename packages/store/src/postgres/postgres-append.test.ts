import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { RunEvent, RunStore } from '@sopflow/engine';
import { createPostgresStore } from '../index.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { sampleAppend, sampleBatches, writeSampleRun } from '../test-support/sample-run.js';

const ann = { owner: 'ann', host: 'h1', pid: 11, processStartedAt: 0 };

/** Every statement the store's pooled connections send, in order (the LISTEN connection is not pooled). */
const sent: string[] = [];
class CountingClient extends pg.Client {
  override query(...args: unknown[]): never {
    const first = args[0] as string | { name?: string; text: string };
    sent.push(typeof first === 'string' ? first : first.name ?? first.text);
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

/** A step under way: its result and the next step's start, as the engine appends them under the run's lease. */
function stepEvents(count: number): RunEvent[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'StepStarted', at: '2026-01-01T00:00:03.000Z', nodeId: 'check', activation: 1, attempt: i + 1 }) as RunEvent);
}

describe('postgres append round trips', () => {
  const schemas: string[] = [];
  after(async () => { for (const schema of schemas) await dropTestSchema(schema); });

  /** A fresh store holding run `r` (its first batch written) under ann's lease, for `work`; closed after. */
  async function withHeldRun(work: (held: { store: RunStore; epoch: number; written: RunEvent[] }) => Promise<void>): Promise<void> {
    const schema = await freshTestSchema();
    schemas.push(schema);
    const store = await createPostgresStore({ connectionString: TEST_POSTGRES_URL, Client: CountingClient } as pg.PoolConfig, { schema });
    try {
      await writeSampleRun(store, 'r', 1);
      assert.equal(await store.acquireLease('r', ann, new Date(), 60_000), true);
      await work({ store, epoch: (await store.listLeases(['r']))[0].epoch!, written: [...sampleBatches('r')[0]] });
    } finally {
      await store.close();
    }
  }

  /** `count` events on top of the first batch, the run row left as stored (status, runnable, queue): only its head moves. */
  function headOnly(written: readonly RunEvent[], count: number, fence: { owner: string; epoch: number }) {
    return { ...sampleAppend('r', written, stepEvents(count)), run: sampleAppend('r', [], written).run, fence };
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

  it('refuses a fenced append when the lease is gone (fenced) or the run is (conflict at version 0), and writes nothing', async () => {
    await withHeldRun(async ({ store, epoch, written }) => {
      await store.releaseLease('r', 'ann');
      assert.deepEqual(await store.append(headOnly(written, 1, { owner: 'ann', epoch })), { ok: false, reason: 'fenced', actualVersion: 2 });
      assert.equal((await store.readEvents('r')).length, 2);
      assert.deepEqual(await store.append({ ...headOnly(written, 1, { owner: 'ann', epoch }), runId: 'missing', expectedVersion: 3 }), { ok: false, reason: 'conflict', actualVersion: 0 });
    });
  });
});
