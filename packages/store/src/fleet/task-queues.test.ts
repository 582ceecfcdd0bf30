import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine, parseWorkflowSource, runWorker, type RunEvent, type RunStore } from '@sopflow/engine';
import { storeLocations } from '../test-support/store-locations.js';

// prepare (default queue) → render (queue gpu) → publish (default queue).
const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: queued
name: A step for the GPU machine
nodes:
  - { id: prepare, type: system, runtime: { action: noop } }
  - { id: render, type: system, runtime: { action: noop, queue: gpu } }
  - { id: publish, type: system, runtime: { action: noop } }
edges:
  - { from: prepare, to: render }
  - { from: render, to: publish }
`);

/** An engine serving `queues` on its own connection, recording the steps it completed. */
function queueWorker(store: RunStore, queues?: readonly string[]): { run(): Promise<void>; completed: string[]; owner: string } {
  const completed: string[] = [];
  const engine = createEngine({
    store, identity: 'unchecked', ...(queues === undefined ? {} : { queues }),
    onEvents: (_runId: string, events: readonly RunEvent[]) => {
      for (const e of events) if (e.type === 'StepCompleted') completed.push(e.nodeId);
    },
  });
  return {
    completed, owner: engine.owner,
    async run() {
      const report = await runWorker({ engine, store, untilIdle: true, concurrency: 2, pollMs: 20 });
      assert.deepEqual(report.errors, []);
    },
  };
}

for (const [name, locate] of storeLocations()) {
  describe(`task queues on ${name}`, () => {
    it('a step on queue gpu waits for a worker serving gpu: the default worker leaves it ready and does not claim it, a gpu worker runs it and only it', { timeout: 60_000 }, async () => {
      const location = await locate();
      const starter = await location.open();
      const defaultStore = await location.open();
      const gpuStore = await location.open();
      try {
        const runId = await createEngine({ store: starter, identity: 'unchecked' }).startRun(WORKFLOW, {}, { detach: true });
        const plain = queueWorker(defaultStore);
        await plain.run();
        assert.deepEqual(plain.completed, ['prepare'], 'the default worker ran the default step only');
        let run = (await starter.getRun(runId))!;
        assert.equal(run.status, 'running');
        assert.equal(run.runnable, true);
        assert.equal(run.queue, 'gpu', 'the run row names the queue its next step is on');
        assert.deepEqual(await starter.claimRuns({ owner: 'other', host: 'h', pid: 1, processStartedAt: 0 }, new Date(), 1000, 5), [], 'a default-queue claim does not take it');
        assert.deepEqual(await starter.listWorkers(), [], 'a worker removes its heartbeat row when it stops');


        const gpu = queueWorker(gpuStore, ['gpu']);
        await gpu.run();
        assert.deepEqual(gpu.completed, ['render'], 'the gpu worker ran the gpu step and left the default one');
        run = (await starter.getRun(runId))!;
        assert.equal(run.queue, 'default');
        assert.equal(run.runnable, true);

        await plain.run();
        assert.deepEqual(plain.completed, ['prepare', 'publish']);
        run = (await starter.getRun(runId))!;
        assert.equal(run.status, 'completed');
        assert.equal(run.runnable, false);
        assert.equal((await starter.verifyAuditChain(runId)).ok, true);
      } finally {
        await starter.close();
        await defaultStore.close();
        await gpuStore.close();
        await location.dispose();
      }
    });

    it('a worker records its queues while it runs: listWorkers names it with an expiry ahead', { timeout: 60_000 }, async () => {
      const location = await locate();
      const store = await location.open();
      try {
        const engine = createEngine({ store, identity: 'unchecked', queues: ['gpu', 'default'] });
        const stop = new AbortController();
        const working = runWorker({ engine, store, concurrency: 1, pollMs: 20, signal: stop.signal, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
        let rows = await store.listWorkers();
        for (let i = 0; rows.length === 0 && i < 100; i++) {
          await new Promise((r) => setTimeout(r, 20));
          rows = await store.listWorkers();
        }
        assert.deepEqual(rows.map((w) => [w.owner, w.queues]), [[engine.owner, ['default', 'gpu']]]);
        assert.ok(rows[0].expiresAt > Date.now());
        stop.abort();
        await working;
        assert.deepEqual(await store.listWorkers(), []);
      } finally {
        await store.close();
        await location.dispose();
      }
    });
  });
}
