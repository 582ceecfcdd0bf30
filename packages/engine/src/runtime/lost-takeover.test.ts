import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, EngineError, parseWorkflowSource, type RunEvent, type RunStore, type StepExecutor } from '../index.js';

// `pay` is a cli step (not idempotent): a take-over of it started and unfinished asks "did this happen?".
const PAY = parseWorkflowSource(`osop_version: "1.1"
id: pay
name: Pay
nodes:
  - { id: pay, type: cli, name: Pay the supplier }
`);

/** A cli executor that runs until its signal aborts it. */
const untilAborted: StepExecutor = {
  handles: ['cli'],
  execute: (request) => new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })),
};

describe('a take-over whose run is given up before its resume is decided', () => {
  it('writes nothing (no "did this happen?" task without the lease) and fails with run_lost', { timeout: 30_000 }, async () => {
    const store = createMemoryStore();
    // A first worker starts `pay` and is stopped with its step cut short: StepStarted, no result, no lease.
    const first = createEngine({ store, executors: [untilAborted], owner: 'first', identity: 'unchecked' });
    const runId = await first.startRun(PAY, {}, { detach: true });
    const resumed = first.resume(runId);
    while (!(await store.readEvents(runId)).some((e) => (e.data as RunEvent).type === 'StepStarted')) await new Promise((resolve) => setImmediate(resolve));
    await first.drain(0);
    await resumed;
    const before = await store.readEvents(runId);

    // The second worker's renewals hang (a stalled connection) and its read of the history waits until it has given the run up.
    let lostNow: () => void = () => {};
    const lost = new Promise<void>((resolve) => { lostNow = resolve; });
    const stalled: RunStore = {
      ...store,
      acquireLease: (id, holder, now, ttl, children) => (holder.owner === 'second' && children !== undefined ? new Promise<boolean>(() => {}) : store.acquireLease(id, holder, now, ttl, children)),
      readEvents: async (id) => { await lost; return store.readEvents(id); },
    };
    // The engine's renewal timer does not keep the process alive (unref): this one does, until the test ends.
    const alive = setInterval(() => {}, 1000);
    const second = createEngine({ store: stalled, executors: [untilAborted], owner: 'second', identity: 'unchecked', leaseTtlMs: 300, onRunLost: () => lostNow() });
    assert.equal(await store.acquireLease(runId, second.holder, new Date(), 300), true, 'claimed');
    try {
      await assert.rejects(second.takeOver(runId), (error: unknown) => error instanceof EngineError && error.code === 'run_lost');
    } finally {
      clearInterval(alive);
    }
    const after = await store.readEvents(runId);
    assert.deepEqual(after.map((e) => (e.data as RunEvent).type), before.map((e) => (e.data as RunEvent).type), 'the engine that gave the run up wrote nothing');
  });
});
