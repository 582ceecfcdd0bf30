import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import type { RunStore } from '../index.js';
import { createEngine, createSimulatedClock, parseWorkflowSource, runWorker } from '../index.js';

const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: review-then-check
name: A review with an hour's SLA, then a check
nodes:
  - { id: review, type: human, role: reviewer, sla: 1h }
  - { id: check, type: human, role: manager }
edges:
  - { from: review, to: check }
`);

describe("a worker's claim that crossed a request's release takes nothing over (real SQLite)", () => {
  it("the claim re-grants this owner the run (its SLA timer is due), a task completion holds and lets it go (deleting the lease row) before the claim's answer is read: the worker neither takes it over nor reports it lost", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-claim-release-'));
    const sqlite = await createSqliteStore(join(dir, 'race.db'));
    let completeNow: (() => Promise<void>) | undefined;
    // The store port is the hook: the whole task completion (hold, grant, append, release) runs between the claim's SQL and its answer.
    const store: RunStore = {
      ...sqlite,
      async claimRuns(...args) {
        const claimed = await sqlite.claimRuns(...args);
        const complete = completeNow;
        if (complete !== undefined && claimed.length > 0) {
          completeNow = undefined;
          await complete();
        }
        return claimed;
      },
    };
    const clock = createSimulatedClock();
    const engine = createEngine({ store, clock, identity: 'unchecked' });
    try {
      const runId = await engine.startRun(WORKFLOW, {});
      const [task] = await store.listTasks({ runId, status: 'open' });
      assert.equal(task?.nodeId, 'review');
      clock.advance(2 * 3600_000);
      assert.equal((await store.dueTimers(runId, clock.now())).length, 1, 'the SLA timer is due: the run is claimable');
      completeNow = () => engine.completeTask(task!.id, { by: 'ann' });
      const report = await runWorker({ engine, store, clock, untilIdle: true });
      assert.equal(completeNow, undefined, 'the completion ran inside the claim');
      assert.deepEqual(report.lost, [], 'the worker took over a run whose lease the request had deleted');
      assert.equal(report.runsHandled, 0, 'the worker took over a run it holds no lease on');
      assert.deepEqual(report.errors, []);
      assert.equal((await store.listTasks({ runId, status: 'open' }))[0]?.nodeId, 'check', 'the completion was recorded');
      assert.deepEqual(await store.listLeases([runId]), [], 'no lease is left behind');
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
