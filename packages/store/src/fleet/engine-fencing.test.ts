import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, createSimulatedClock, parseWorkflowSource, runWorker, type RunEvent, type RunStore, type StepExecutor } from '@sopflow/engine';
import { storeLocations } from '../test-support/store-locations.js';

// One step the test holds open; `idempotent: true` so the new owner re-runs it instead of asking a person.
const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: fenced
name: One held step
nodes:
  - { id: work, type: cli, idempotent: true }
  - { id: after, type: system, runtime: { action: noop } }
edges:
  - { from: work, to: after }
`);

/** A cli executor whose first call waits for `open()`; later calls finish at once. Counts calls and aborts. */
function gatedExecutor(): { executor: StepExecutor; open(): void; calls(): number; aborted(): boolean } {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => { release = resolve; });
  let calls = 0;
  let aborted = false;
  return {
    executor: {
      handles: ['cli'],
      async execute(request) {
        calls += 1;
        if (calls === 1) {
          request.signal.addEventListener('abort', () => { aborted = true; }, { once: true });
          await gate;
        }
        return { status: 'completed', output: { by: calls } };
      },
    },
    open: () => release(),
    calls: () => calls,
    aborted: () => aborted,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1500; i++) {
    if (await check()) return;
    await sleep(20);
  }
  assert.fail(`never happened: ${what}`);
}

const types = async (store: RunStore, runId: string) => (await store.readEvents(runId)).map((e) => (e.data as RunEvent).type);

for (const [name, locate] of storeLocations()) {
  describe(`engine fencing on ${name}`, () => {
    it('a worker whose lease another worker was granted writes nothing more: its late step result is fenced off, the run is reported lost, the new owner finishes it once', { timeout: 60_000 }, async () => {
      const location = await locate();
      const storeA = await location.open();
      const storeB = await location.open();
      try {
        const clock = createSimulatedClock();
        const gated = gatedExecutor();
        const lost: string[] = [];
        const engineA = createEngine({ store: storeA, clock, executors: [gated.executor], owner: 'A', identity: 'unchecked', onRunLost: (runId) => lost.push(runId) });
        const runId = await engineA.startRun(WORKFLOW, {}, { detach: true });
        const workerA = runWorker({ engine: engineA, store: storeA, clock, untilIdle: true, sleep: () => sleep(5) });
        await until(() => gated.calls() === 1, 'A started the step');
        const epochA = (await storeA.listLeases([runId]))[0]?.epoch;
        assert.equal(typeof epochA, 'number');

        // A is "paused" past its lease (simulated time); B is granted the run and finishes it.
        clock.advance(20_000);
        let bRuns = 0;
        const quick: StepExecutor = { handles: ['cli'], execute: async () => { bRuns += 1; return { status: 'completed', output: { by: 'B' } }; } };
        const engineB = createEngine({ store: storeB, clock, executors: [quick], owner: 'B', identity: 'unchecked' });
        const reportB = await runWorker({ engine: engineB, store: storeB, clock, untilIdle: true, sleep: () => sleep(5) });
        assert.equal(reportB.runsHandled, 1);
        assert.equal(bRuns, 1);
        assert.equal((await storeB.getRun(runId))?.status, 'completed');
        const before = await storeB.readEvents(runId);

        // A resumes: its step returns; the result's append carries A's fence and is refused.
        gated.open();
        const reportA = await workerA;
        assert.deepEqual(lost, [runId]);
        assert.deepEqual(reportA.lost.map((l) => l.runId), [runId]);
        assert.match(reportA.lost[0].message, /lost by this worker/);
        assert.deepEqual(reportA.errors, [], 'a lost run is not a broken one');
        const after = await storeB.readEvents(runId);
        assert.deepEqual(after.map((e) => e.hash), before.map((e) => e.hash), 'A wrote nothing after losing the lease');
        const completed = after.map((e) => e.data as RunEvent).filter((e) => e.type === 'StepCompleted' && e.nodeId === 'work');
        assert.equal(completed.length, 1, 'the step result is recorded once');
        assert.deepEqual(completed[0].type === 'StepCompleted' && completed[0].output, { by: 'B' });
        assert.equal((await storeB.verifyAuditChain()).ok, true);
      } finally {
        await storeA.close();
        await storeB.close();
        await location.dispose();
      }
    });

    it('a worker that cannot renew its lease for half the TTL gives the run up before it expires: its step is aborted and nothing more is written', { timeout: 60_000 }, async () => {
      const location = await locate();
      const real = await location.open();
      let cut = false;
      // The connection is "lost": once cut, every store call fails as an unreachable server would.
      const storeA = new Proxy(real, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => (cut ? Promise.reject(new Error('connection lost')) : (value as (...a: unknown[]) => unknown).apply(target, args));
        },
      });
      const stop = new AbortController();
      const gated = gatedExecutor();
      let working: Promise<unknown> = Promise.resolve();
      try {
        // When A gave the run up is taken in the callback: the test's own polling and reads after it may come late on a busy machine.
        const lost: { runId: string; reason: string; at: number }[] = [];
        const engineA = createEngine({ store: storeA, executors: [gated.executor], owner: 'A', identity: 'unchecked', leaseTtlMs: 600, onRunLost: (runId, reason) => lost.push({ runId, reason, at: Date.now() }) });
        const runId = await engineA.startRun(WORKFLOW, {}, { detach: true });
        const workerA = runWorker({ engine: engineA, store: storeA, leaseTtlMs: 600, signal: stop.signal, sleep: () => sleep(5) });
        working = workerA.catch(() => undefined);
        await until(() => gated.calls() === 1, 'A started the step');
        const written = (await real.readEvents(runId)).length;
        cut = true;
        await until(() => lost.length === 1, 'A gave the run up');
        assert.match(lost[0].reason, /not renewed/);
        assert.equal(gated.aborted(), true, 'the step in flight was aborted');
        const [lease] = await real.listLeases([runId]);
        assert.ok(lease !== undefined && lease.expiresAt > lost[0].at, `given up before the lease expired (${lease === undefined ? 'no lease' : lease.expiresAt - lost[0].at} ms before; ${lost[0].reason})`);
        // The connection comes back: A's step returns, yet its result is not A's to record any more.
        cut = false;
        gated.open();
        await until(async () => (await real.listLeases([runId])).length === 0 || (await real.getRun(runId))?.status === 'completed', 'A let the run go or took it again');
        stop.abort();
        const report = await workerA;
        // Taken again once the connection is back, the run may be given up again: a renewal that comes late on a busy machine is not renewed in time (a 600 ms TTL).
        assert.ok(report.lost.length >= 1 && report.lost.every((l) => l.runId === runId && /not renewed/.test(l.message)), JSON.stringify(report.lost));
        const events = (await real.readEvents(runId)).map((e) => e.data as RunEvent);
        assert.ok(!events.slice(written).some((e) => e.type === 'StepCompleted' && e.nodeId === 'work' && (e.output as { by: number }).by === 1),
          'the result of the step A gave up was never recorded');
      } finally {
        // After an assertion above failed: the held step returns and the worker ends (it rejects if the connection is still cut).
        stop.abort();
        gated.open();
        await working;
        await real.close();
        await location.dispose();
      }
    });

    it('a worker that gives the run up while its StepStarted is being stored does not start the step', { timeout: 60_000 }, async () => {
      const location = await locate();
      const real = await location.open();
      let cut = false;
      let storing: () => void = () => {};
      const stored = new Promise<void>((resolve) => { storing = resolve; });
      let gaveUp = false;
      let lostNow: () => void = () => {};
      const given = new Promise<void>((resolve) => { lostNow = () => { gaveUp = true; resolve(); }; });
      // The StepStarted append is held until the engine gave the run up; meanwhile renewals fail as on a lost connection.
      const storeA = new Proxy(real, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          if (typeof value !== 'function') return value;
          if (key === 'acquireLease') return (...args: unknown[]) => (cut ? Promise.reject(new Error('connection lost')) : (value as (...a: unknown[]) => unknown).apply(target, args));
          if (key !== 'append') return (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
          return async (request: { events: { type: string }[] }) => {
            if (request.events.some((e) => e.type === 'StepStarted')) {
              cut = true;
              storing();
              await given;
            }
            return (value as (r: unknown) => unknown).call(target, request);
          };
        },
      });
      try {
        let calls = 0;
        const counting: StepExecutor = { handles: ['cli'], execute: async () => { calls += 1; return { status: 'completed', output: {} }; } };
        const engineA = createEngine({ store: storeA, executors: [counting], owner: 'A', identity: 'unchecked', leaseTtlMs: 600, onRunLost: () => lostNow() });
        const runId = await engineA.startRun(WORKFLOW, {}, { detach: true });
        const taking = assert.rejects(engineA.resume(runId), (error: { code?: string }) => error.code === 'run_lost');
        await stored;
        // The renewal timer does not keep the process alive; the test's polling does.
        await until(() => gaveUp, 'A gave the run up');
        await taking;
        assert.equal(calls, 0, 'the step of a run given up was not started');
        assert.ok((await real.readEvents(runId)).some((e) => (e.data as RunEvent).type === 'StepStarted'), 'its StepStarted was stored (the lease had not expired)');
      } finally {
        await real.close();
        await location.dispose();
      }
    });
  });
}
