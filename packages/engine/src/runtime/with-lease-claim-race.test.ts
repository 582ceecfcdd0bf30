import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import type { RunStore } from '../index.js';
import { createEngine, parseWorkflowSource, runWorker, type WorkerReport } from '../index.js';

const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: one-step
name: One step
nodes:
  - { id: only, type: system, runtime: { action: noop } }
edges: []
`);

describe("withLease: a run this engine is about to drive is not claimed by its own worker (real SQLite)", () => {
  it('a cancel of a detached run, with the embedded worker claiming right after the lease is granted: the worker takes nothing over and the run ends cancelled', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-with-lease-'));
    const sqlite = await createSqliteStore(join(dir, 'race.db'));
    let claimed: WorkerReport | undefined;
    let runWorkerNow: (() => Promise<WorkerReport>) | undefined;
    // The store port is the hook: the worker looks for work the moment the cancel's lease is granted, before acquireLease returns.
    const store: RunStore = {
      ...sqlite,
      async acquireLease(...args) {
        const got = await sqlite.acquireLease(...args);
        const look = runWorkerNow;
        runWorkerNow = undefined;
        if (look !== undefined) claimed = await look();
        return got;
      },
    };
    const engine = createEngine({ store, identity: 'unchecked' });
    try {
      const runId = await engine.startRun(WORKFLOW, {}, { detach: true });
      assert.equal((await store.getRun(runId))?.runnable, true, 'a detached run waits for a worker');
      runWorkerNow = () => runWorker({ engine, store, untilIdle: true });
      await engine.cancel(runId, 'not needed');
      assert.deepEqual(claimed?.takenOver.map((t) => t.runId) ?? [], [], 'the worker took over the run the cancel was driving');
      assert.equal(claimed?.runsHandled, 0);
      assert.equal((await store.getRun(runId))?.status, 'cancelled');
      assert.equal((await store.readEvents(runId)).some((e) => e.type === 'StepStarted'), false, 'no step started');
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the other order — the worker's claim granted, then a cancel holding the run before the claim's answer is read: the worker leaves it to the cancel", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-with-lease-'));
    const sqlite = await createSqliteStore(join(dir, 'race.db'));
    let cancelNow: (() => Promise<void>) | undefined;
    let cancelled: Promise<void> | undefined;
    let answered: () => void = () => {};
    let claimAnswered: Promise<void> | undefined;
    // The store port is the hook: the cancel starts after the claim's SQL, holds the run, and appends only once the claim's answer went to the worker.
    const store: RunStore = {
      ...sqlite,
      async claimRuns(...args) {
        const claimed = await sqlite.claimRuns(...args);
        const cancel = cancelNow;
        if (cancel !== undefined && claimed.length > 0) {
          cancelNow = undefined;
          claimAnswered = new Promise((resolve) => { answered = resolve; });
          cancelled = cancel();
          while (!engine.heldRuns().includes(claimed[0]!)) await new Promise(setImmediate);
          answered();
        }
        return claimed;
      },
      async append(request) {
        await claimAnswered;
        return sqlite.append(request);
      },
    };
    const engine = createEngine({ store, identity: 'unchecked' });
    try {
      const runId = await engine.startRun(WORKFLOW, {}, { detach: true });
      cancelNow = () => engine.cancel(runId, 'not needed');
      const report = await runWorker({ engine, store, untilIdle: true });
      await cancelled;
      assert.equal(report.runsHandled, 0, 'the worker took over the run the cancel was driving');
      assert.deepEqual([...report.errors, ...report.lost], [], 'the worker did not try to take it over either');
      assert.equal((await store.getRun(runId))?.status, 'cancelled');
      assert.equal((await store.readEvents(runId)).some((e) => e.type === 'StepStarted'), false, 'no step started');
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
