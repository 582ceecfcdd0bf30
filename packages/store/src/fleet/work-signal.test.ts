import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { createEngine, parseWorkflowSource, runWorker, type RunEvent, type RunStore } from '@sopflow/engine';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import { openPostgresPool } from '../postgres/open-postgres-pool.js';
import { createPostgresWorkSignal, workChannel } from '../postgres/postgres-work-signal.js';
import { createSqliteStore } from '../sqlite/create-sqlite-store.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

const TWO_STEPS = parseWorkflowSource(`osop_version: "1.1"
id: two
name: Two steps
nodes:
  - { id: a, type: system, runtime: { action: noop } }
  - { id: b, type: system, runtime: { action: noop } }
edges:
  - { from: a, to: b }
`);

// A person who never answers; after a second the timeout edge runs a noop step.
const TIMED = parseWorkflowSource(`osop_version: "1.1"
id: timed
name: Nobody answers
nodes:
  - { id: ask, type: human, role: manager, timeout_sec: 1 }
  - { id: done, type: system, runtime: { action: noop } }
  - { id: late, type: system, runtime: { action: noop } }
edges:
  - { from: ask, to: done }
  - { from: ask, to: late, mode: timeout }
`);

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => { resolve = settle; });
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await sleep(20);
  }
  assert.fail(`never happened: ${what}`);
}

/** Counts every call a worker makes on its store. */
function counted(store: RunStore): { store: RunStore; calls(): number; waits(): number } {
  let calls = 0;
  let waits = 0;
  const proxy = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls += 1;
        if (key === 'waitForWork') waits += 1;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls: () => calls, waits: () => waits };
}

/**
 * Store calls and CPU time of an idle worker over `windowMs`, from its second wait on (its first returns at once, as its
 * LISTEN begins) or, on a store that is polled, after a warm-up. `stopAll` collects its stop, so a failed test still ends it.
 */
async function idleCost(store: RunStore, windowMs: number, stopAll: (() => Promise<void>)[]): Promise<{ calls: number; cpuMs: number; stop: () => Promise<void> }> {
  const { store: watched, calls, waits } = counted(store);
  const stop = new AbortController();
  const engine = createEngine({ store: watched, identity: 'unchecked', owner: 'idle' });
  const worker = runWorker({ engine, store: watched, signal: stop.signal });
  const stopWorker = async (): Promise<void> => { stop.abort(); await worker; };
  stopAll.push(stopWorker);
  if (store.waitForWork !== undefined) await until(() => waits() >= 2, 'the idle worker began its second wait');
  else await sleep(300);
  const before = calls();
  const cpu = process.cpuUsage();
  await sleep(windowMs);
  const used = process.cpuUsage(cpu);
  return { calls: calls() - before, cpuMs: (used.user + used.system) / 1000, stop: stopWorker };
}

describe('idle workers on PostgreSQL wait on LISTEN/NOTIFY', () => {
  it('an idle worker makes a bounded number of store calls (none while nothing happens), wakes on a NOTIFY when a run is started elsewhere, and finishes it', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const starter = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const sqlite = await createSqliteStore(join(tempDir(), 'poll.db'));
    const stopAll: (() => Promise<void>)[] = [];
    try {
      const idle = await idleCost(store, 2000, stopAll);
      const polling = await idleCost(sqlite, 2000, stopAll);
      await polling.stop();
      process.stderr.write(`idle worker over 2 s: PostgreSQL (LISTEN) ${idle.calls} store calls, ${idle.cpuMs.toFixed(1)} ms CPU; SQLite (250 ms poll) ${polling.calls} store calls, ${polling.cpuMs.toFixed(1)} ms CPU\n`);
      assert.ok(idle.calls <= 3, `an idle LISTENing worker made ${idle.calls} store calls in 2 s`);
      assert.ok(polling.calls > idle.calls, `polling made ${polling.calls}`);

      const runId = await createEngine({ store: starter, identity: 'unchecked' }).startRun(TWO_STEPS, {}, { detach: true });
      await until(async () => (await starter.getRun(runId))?.status === 'completed', 'the idle worker woke and ran the new run');
      await idle.stop();
    } finally {
      for (const stop of stopAll) await stop();
      await store.close();
      await starter.close();
      await sqlite.close();
      await dropTestSchema(schema);
    }
  });

  it('two idle workers and one timer: the timer fires once across the fleet, when it comes due', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const stores = [await createPostgresStore(TEST_POSTGRES_URL, { schema }), await createPostgresStore(TEST_POSTGRES_URL, { schema })];
    const stop = new AbortController();
    try {
      const runId = await createEngine({ store: stores[0], identity: 'unchecked' }).startRun(TIMED, {}, { detach: true });
      const workers = stores.map((store, i) => runWorker({ engine: createEngine({ store, identity: 'unchecked', owner: `w${i}` }), store, signal: stop.signal }));
      await until(async () => (await stores[1].getRun(runId))?.status === 'completed', 'the timer fired and the run completed');
      stop.abort();
      const reports = await Promise.all(workers);
      const events = (await stores[0].readEvents(runId)).map((e) => e.data as RunEvent);
      assert.equal(events.filter((e) => e.type === 'TimerFired').length, 1);
      assert.ok(events.some((e) => e.type === 'StepCompleted' && e.nodeId === 'late'));
      assert.deepEqual(reports.flatMap((r) => r.errors), []);
      assert.equal((await stores[0].verifyAuditChain()).ok, true);
    } finally {
      stop.abort();
      for (const store of stores) await store.close();
      await dropTestSchema(schema);
    }
  });

  it('a run started while a worker claims, just after its wait for a free slot was cut short before it slept, wakes the worker (no idle wake to rescue it)', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const starter = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const observer = new pg.Client(TEST_POSTGRES_URL);
    const stop = new AbortController();
    const notified = new Map<string, () => void>();
    try {
      await observer.connect();
      observer.on('notification', (message) => notified.get(message.payload ?? '')?.());
      await observer.query(`LISTEN "${workChannel(schema)}"`);
      const engine = createEngine({ store, identity: 'unchecked', owner: 'w' });
      const firstDone = deferred();
      const letFirstGo = deferred();
      const claimRan = deferred();
      const letClaimGo = deferred();
      const taken: string[] = [];
      let phase: 'first' | 'cut-wait' | 'hold-claim' | 'free' = 'first';
      // The first run is handled, then kept in its slot until the worker waits for a slot; the wait is cut short (the slot frees)
      // while it reads the next timer, and the claim after it is held until a new run's NOTIFY has come.
      const gated = { ...engine, async takeOver(runId: string) {
        taken.push(runId);
        await engine.takeOver(runId);
        if (taken.length === 1) { firstDone.resolve(); await letFirstGo.promise; }
      } };
      const watched: RunStore = { ...store,
        async waitForWork(signal, maxMs) {
          if (phase !== 'cut-wait' || signal === stop.signal) return store.waitForWork!(signal, maxMs);
          await firstDone.promise;
          const waiting = store.waitForWork!(signal, maxMs);
          phase = 'hold-claim';
          letFirstGo.resolve();
          return waiting;
        },
        async claimRuns(...args) {
          const claimed = await store.claimRuns(...args);
          if (taken.length === 1 && phase === 'first') phase = 'cut-wait';
          else if (phase === 'hold-claim' && claimed.length === 0) {
            phase = 'free';
            claimRan.resolve();
            await letClaimGo.promise;
          }
          return claimed;
        },
      };
      const worker = runWorker({ engine: gated, store: watched, signal: stop.signal, idleWakeMs: 3_600_000 });
      const starting = createEngine({ store: starter, identity: 'unchecked' });
      const first = await starting.startRun(TWO_STEPS, {}, { detach: true });
      await claimRan.promise;
      const arrived = new Promise<void>((resolve) => notified.set('second', resolve));
      const second = await starting.startRun(TWO_STEPS, {}, { runId: 'second', detach: true });
      await arrived;
      letClaimGo.resolve();
      await until(async () => (await starter.getRun(second))?.status === 'completed', 'the worker woke for the run started while it claimed');
      stop.abort();
      const report = await worker;
      assert.deepEqual(taken, [first, second]);
      assert.deepEqual(report.errors, []);
    } finally {
      stop.abort();
      await observer.end();
      await store.close();
      await starter.close();
      await dropTestSchema(schema);
    }
  });

  it('a timer that comes due between a worker\'s empty claim and its read of the next wake-up wakes the worker (no idle wake to rescue it)', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const starter = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const stop = new AbortController();
    try {
      const engine = createEngine({ store, identity: 'unchecked', owner: 'w' });
      const runId = await createEngine({ store: starter, identity: 'unchecked' }).startRun(TIMED, {}, { detach: true });
      let emptyClaims = 0;
      // The worker's first wait returns at once (its LISTEN just began); the empty claim after it is answered only once the timer is due.
      const watched: RunStore = { ...store,
        async claimRuns(...args) {
          const claimed = await store.claimRuns(...args);
          if (claimed.length === 0 && ++emptyClaims === 2) {
            await until(async () => (await starter.dueTimers(runId, new Date())).length > 0, 'the timer came due');
          }
          return claimed;
        },
      };
      const worker = runWorker({ engine, store: watched, signal: stop.signal, idleWakeMs: 3_600_000 });
      await until(async () => (await starter.getRun(runId))?.status === 'completed', 'the worker woke for the timer and the run completed');
      stop.abort();
      const report = await worker;
      assert.ok(emptyClaims >= 2, `${emptyClaims} empty claims`);
      assert.deepEqual(report.errors, []);
      const events = (await starter.readEvents(runId)).map((e) => e.data as RunEvent);
      assert.equal(events.filter((e) => e.type === 'TimerFired').length, 1);
    } finally {
      stop.abort();
      await store.close();
      await starter.close();
      await dropTestSchema(schema);
    }
  });
});

/** Waits for `wait` as `until` polls (so a wait that never returns fails the test instead of hanging it). */
async function settled(wait: Promise<void>, what: string): Promise<void> {
  let done = false;
  void wait.then(() => { done = true; });
  await until(() => done, what);
}

// The worker's wait for a free slot is cut short when a run finishes, and the worker claims and waits again at once:
// the cut wait may still be opening the LISTEN connection or reading the next wake-up, beside the next wait.
describe('a PostgreSQL work signal wait cut short returns late, beside the next wait', () => {
  it('a cut wait that was opening the LISTEN connection leaves that connection\'s generation to the next wait', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const { pool, clientConfig } = openPostgresPool(TEST_POSTGRES_URL, { schema });
    const signal = createPostgresWorkSignal(pool, clientConfig, schema);
    try {
      const cut = new AbortController();
      const first = signal.waitForWork(cut.signal, 3_600_000);
      cut.abort();
      const next = signal.waitForWork(undefined, 3_600_000);
      await first;
      await settled(next, 'the next wait returned at once: nothing was listened to before its caller claimed');
    } finally {
      await signal.close();
      await pool.end();
      await store.close();
      await dropTestSchema(schema);
    }
  });

  it('a cut wait that returns after the next claim does not hide a timer that came due in between from the next wait', { timeout: 60_000 }, async () => {
    const schema = await freshTestSchema();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const { pool, clientConfig } = openPostgresPool(TEST_POSTGRES_URL, { schema });
    const reached = deferred();
    let hold: Promise<void> | undefined;
    // The cut wait's read of the next wake-up is answered only once the timer is due.
    const held = { query: async (...args: Parameters<pg.Pool['query']>) => {
      if (hold !== undefined) { reached.resolve(); await hold; }
      return pool.query(...args);
    } } as unknown as pg.Pool;
    const signal = createPostgresWorkSignal(held, clientConfig, schema);
    try {
      // A run waiting on a timer due in 1 s, let go by the engine that started it (its release notifies before anyone listens).
      const starting = createEngine({ store, identity: 'unchecked', owner: 'starter' });
      const runId = await starting.startRun(TIMED, {});
      await starting.drain(0);
      assert.deepEqual(await store.listLeases(), []);
      await signal.waitForWork(undefined, 3_600_000); // returns at once: its LISTEN just began
      const release = deferred();
      hold = release.promise;
      const cut = new AbortController();
      const cutWait = signal.waitForWork(cut.signal, 3_600_000);
      await reached.promise;
      cut.abort();
      const engine = createEngine({ store, identity: 'unchecked', owner: 'w' });
      assert.deepEqual(await store.claimRuns(engine.holder, new Date(), 10_000, 8, { queues: engine.queues }), [], 'the claim after the cut came before the timer was due');
      await until(async () => (await store.dueTimers(runId, new Date())).length > 0, 'the timer came due');
      hold = undefined;
      release.resolve();
      await cutWait;
      await settled(signal.waitForWork(undefined, 3_600_000), 'the next wait returned at once for the timer due since the claim');
    } finally {
      await signal.close();
      await pool.end();
      await store.close();
      await dropTestSchema(schema);
    }
  });
});

describe('a PostgreSQL work signal whose LISTEN connection cannot open', () => {
  it('backs its waits off instead of returning at once (a worker would claim in a loop)', { timeout: 60_000 }, async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as { port: number };
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const { pool, clientConfig, schema } = openPostgresPool(TEST_POSTGRES_URL, { schema: await freshTestSchema() });
    const signal = createPostgresWorkSignal(pool, { ...clientConfig, connectionString: undefined, host: '127.0.0.1', port }, schema);
    try {
      for (const backoffMs of [200, 400]) {
        const started = performance.now();
        await signal.waitForWork(undefined, 3_600_000);
        const waited = performance.now() - started;
        assert.ok(waited >= backoffMs - 20, `a wait with no LISTEN connection returned after ${waited.toFixed(1)} ms, not after its ${backoffMs} ms backoff`);
      }
    } finally {
      await signal.close();
      await pool.end();
    }
  });
});
