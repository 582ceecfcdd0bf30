import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import type { RunStore } from '../index.js';
import { createEngine, parseWorkflowSource } from '../index.js';

const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: two-people-then-file
name: Two people sign, then the form is filed
nodes:
  - { id: split, type: system, runtime: { action: noop } }
  - { id: left, type: human, role: clerk }
  - { id: right, type: human, role: clerk }
  - { id: file, type: system, runtime: { action: noop } }
edges:
  - { from: split, to: left, mode: parallel }
  - { from: split, to: right, mode: parallel }
  - { from: left, to: file, mode: sequential, join_mode: wait_all }
  - { from: right, to: file }
`);

describe('withLease: two requests driving one run at once each hold it (real SQLite)', () => {
  it("two task completions that both look at the run before either holds it: the first one's release leaves the second its lease, and the run ends completed", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-hold-count-'));
    const sqlite = await createSqliteStore(join(dir, 'holds.db'));
    let armed = false;
    let readers: (() => void)[] = [];
    let asks = 0;
    let firstDone: Promise<void> | undefined;
    // The store port is the hook: both requests' freshness reads answer together (neither held the run yet), and the
    // second lease request is answered only once the first request has finished and let its hold go.
    const store: RunStore = {
      ...sqlite,
      async getRun(runId) {
        if (armed) {
          await new Promise<void>((resolve) => { readers.push(resolve); if (readers.length === 2) { for (const r of readers) r(); readers = []; } });
        }
        return sqlite.getRun(runId);
      },
      async acquireLease(...args) {
        if (armed && ++asks === 2) {
          armed = false;
          await firstDone;
        }
        return sqlite.acquireLease(...args);
      },
    };
    const engine = createEngine({ store, identity: 'unchecked' });
    try {
      const runId = await engine.startRun(WORKFLOW, {});
      const tasks = await store.listTasks({ runId, status: 'open' });
      assert.equal(tasks.length, 2, 'both people have a task');
      armed = true;
      firstDone = engine.completeTask(tasks[0]!.id, { by: 'ann' });
      const second = engine.completeTask(tasks[1]!.id, { by: 'bob' });
      await Promise.all([firstDone, second]);
      assert.equal(asks, 2, 'each request asked for the lease');
      const run = await store.getRun(runId);
      assert.equal(run?.status, 'completed', 'the step after both tasks ran under the second request');
      assert.deepEqual(await store.listLeases([runId]), [], 'the last hold let the lease go');
      assert.deepEqual(engine.heldRuns(), []);
    } finally {
      await sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
