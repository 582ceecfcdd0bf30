import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, createSimulatedClock, EngineError, parseWorkflowSource, type Clock, type RunEvent, type RunStore, type StepExecutor } from '../index.js';

// `pay` is a cli step (not idempotent): a take-over of it started and unfinished asks "did this happen?".
const PAY = parseWorkflowSource(`osop_version: "1.1"
id: pay
name: Pay
nodes:
  - { id: pay, type: cli, name: Pay the supplier }
`);

// A wait of 60 s for a signal: once due, a take-over fires its timeout (the run fails).
const WAIT = parseWorkflowSource(`osop_version: "1.1"
id: wait
name: Wait for the payment
nodes:
  - { id: paid, type: event, timeout_sec: 60, runtime: { event: paid } }
`);

/** A cli executor that runs until its signal aborts it. */
const untilAborted: StepExecutor = {
  handles: ['cli'],
  execute: (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
};

const types = async (store: RunStore, runId: string) => (await store.readEvents(runId)).map((e) => (e.data as RunEvent).type);

/**
 * Takes `runId` over with an engine ("second", 300 ms lease) whose renewals hang (a stalled connection) and whose
 * `gated` store read waits until it has given the run up; returns the take-over's error.
 */
async function takeOverGivenUp(store: RunStore, runId: string, gated: 'readEvents' | 'dueTimers', clock?: Clock): Promise<unknown> {
  let lostNow: () => void = () => {};
  const lost = new Promise<void>((resolve) => { lostNow = resolve; });
  const stalled: RunStore = {
    ...store,
    acquireLease: (id, holder, now, ttl, children) => (holder.owner === 'second' && children !== undefined ? new Promise<boolean>(() => {}) : store.acquireLease(id, holder, now, ttl, children)),
    [gated]: async (...args: unknown[]) => { await lost; return (store[gated] as (...a: unknown[]) => Promise<unknown>)(...args); },
  };
  // The engine's renewal timer does not keep the process alive (unref): this one does, until the take-over ends.
  const alive = setInterval(() => {}, 1000);
  const second = createEngine({ store: stalled, ...(clock === undefined ? {} : { clock }), executors: [untilAborted], owner: 'second', identity: 'unchecked', leaseTtlMs: 300, onRunLost: () => lostNow() });
  assert.equal(await store.acquireLease(runId, second.holder, (clock?.now() ?? new Date()), 300), true, 'claimed');
  try {
    await second.takeOver(runId);
    return undefined;
  } catch (error) {
    return error;
  } finally {
    clearInterval(alive);
  }
}

const isRunLost = (error: unknown) => error instanceof EngineError && error.code === 'run_lost';

describe('a take-over whose run is given up before it decides writes nothing', () => {
  it('given up before its resume is decided: no "did this happen?" task is appended without the lease; run_lost', { timeout: 30_000 }, async () => {
    const store = createMemoryStore();
    // A first worker starts `pay` and is stopped with its step cut short: StepStarted, no result, no lease.
    const first = createEngine({ store, executors: [untilAborted], owner: 'first', identity: 'unchecked' });
    const runId = await first.startRun(PAY, {}, { detach: true });
    const resumed = first.resume(runId);
    while (!(await types(store, runId)).includes('StepStarted')) await new Promise((resolve) => setImmediate(resolve));
    await first.drain(0);
    await resumed;
    const before = await types(store, runId);

    assert.equal(isRunLost(await takeOverGivenUp(store, runId, 'readEvents')), true);
    assert.deepEqual(await types(store, runId), before, 'the engine that gave the run up wrote nothing');
  });

  it('given up before it fires a due timer: the timer is not fired without the lease; run_lost', { timeout: 30_000 }, async () => {
    const store = createMemoryStore();
    const clock = createSimulatedClock();
    const runId = await createEngine({ store, clock, identity: 'unchecked' }).startRun(WAIT, {}, { detach: true });
    clock.advance(120_000);
    const before = await types(store, runId);
    assert.ok(before.includes('TimerScheduled'));

    assert.equal(isRunLost(await takeOverGivenUp(store, runId, 'dueTimers', clock)), true);
    assert.deepEqual(await types(store, runId), before, 'the engine that gave the run up wrote nothing');
    assert.equal((await store.getRun(runId))?.status, 'waiting');
  });
});
