import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, parseWorkflowSource, runWorker, type LeaseHolder, type RunStore } from '../index.js';

const ONE_STEP = parseWorkflowSource(`osop_version: "1.1"
id: one
name: One step
nodes:
  - { id: only, type: system, runtime: { action: noop } }
`);

const OTHER: LeaseHolder = { owner: 'other', host: 'another-host', pid: 4242, processStartedAt: 0 };
const noWait = async (): Promise<void> => {};

describe('runWorker({ untilIdle }) returns only when nothing it could take is left', () => {
  it('takes a run whose holder let it go between the worker\'s empty claim and its look at the leases (it does not call that idle)', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, owner: 'idle', identity: 'unchecked' });
    const runId = await engine.startRun(ONE_STEP, {}, { detach: true });
    assert.equal(await store.acquireLease(runId, OTHER, new Date(), 60_000), true);
    let emptyClaims = 0;
    let letGo = false;
    const racing: RunStore = {
      ...store,
      claimRuns: async (...args) => {
        const claimed = await store.claimRuns(...args);
        if (claimed.length === 0) emptyClaims += 1;
        return claimed;
      },
      listLeases: async (runIds) => {
        // The other worker releases the run right after this worker's claim found nothing, before it reads the leases.
        if (runIds === undefined && emptyClaims > 0 && !letGo) {
          letGo = true;
          await store.releaseLease(runId, OTHER.owner);
        }
        return store.listLeases(runIds);
      },
    };
    const report = await runWorker({ engine, store: racing, untilIdle: true, sleep: noWait });
    assert.equal(letGo, true, 'the holder let go inside the window');
    assert.equal(report.runsHandled, 1);
    assert.equal((await store.getRun(runId))?.status, 'completed');
    assert.deepEqual(report.heldElsewhere, []);
  });

  it('tries a run refused as `conflict` (it kept changing) again instead of giving it up for good, and finishes it', async () => {
    const store = createMemoryStore();
    let conflicts = 0;
    const busy: RunStore = {
      ...store,
      // Another process writes the run 50 times in a row while this worker decides: the engine's delivery gives up with `conflict`.
      append: async (request) => {
        if (request.expectedVersion > 0 && conflicts < 50) {
          conflicts += 1;
          return { ok: false, reason: 'conflict', actualVersion: request.expectedVersion + 1 };
        }
        return store.append(request);
      },
    };
    const engine = createEngine({ store: busy, owner: 'retrying', identity: 'unchecked' });
    const runId = await engine.startRun(ONE_STEP, {}, { detach: true });
    const report = await runWorker({ engine, store: busy, untilIdle: true, sleep: noWait });
    assert.equal(conflicts, 50);
    assert.deepEqual(report.errors.map((e) => e.runId), [runId]);
    assert.match(report.errors[0].message, /kept changing/);
    assert.equal(report.runsHandled, 1);
    assert.equal((await store.getRun(runId))?.status, 'completed');
    assert.deepEqual(report.gaveUp, []);
  });

  it('names the runs it gave up on (refused for good: the pinned workflow is missing) as not done', async () => {
    const store = createMemoryStore();
    const runId = await createEngine({ store, identity: 'unchecked' }).startRun(ONE_STEP, {}, { detach: true });
    const lost: RunStore = { ...store, readWorkflow: async () => undefined };
    const engine = createEngine({ store: lost, owner: 'refused', identity: 'unchecked' });
    const report = await runWorker({ engine, store: lost, untilIdle: true, sleep: noWait });
    assert.equal(report.runsHandled, 0);
    assert.deepEqual(report.gaveUp.map((g) => g.runId), [runId]);
    assert.match(report.gaveUp[0].message, /missing or altered/);
    assert.equal((await store.getRun(runId))?.status, 'running');
  });
});
