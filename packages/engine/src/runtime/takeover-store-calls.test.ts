import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import { createEngine, parseWorkflowSource, runWorker, type RunStore } from '../index.js';
import { TWO_STEPS_WORKFLOW } from '../../test-support/two-steps-workflow.js';

/** The store with each call whose first argument is a run id counted as `method:runId`. */
function countRunCalls(store: RunStore): { store: RunStore; calls: Map<string, number> } {
  const calls = new Map<string, number>();
  const counted = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      return (...args: unknown[]) => {
        if (typeof args[0] === 'string') calls.set(`${key}:${args[0]}`, (calls.get(`${key}:${args[0]}`) ?? 0) + 1);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: counted, calls };
}

describe('a worker\'s take-over of a run it finishes', () => {
  it('reads the run\'s history once and never reads its row: what its own last append wrote is not asked again', async () => {
    const store = await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-takeover-calls-')), 'runs.db'));
    try {
      const source = parseWorkflowSource(TWO_STEPS_WORKFLOW);
      const runIds = [
        await createEngine({ store, identity: 'unchecked' }).startRun(source, {}, { detach: true }),
        await createEngine({ store, identity: 'unchecked' }).startRun(source, {}, { detach: true }),
      ];
      const counting = countRunCalls(store);
      const engine = createEngine({ store: counting.store, owner: 'counted', identity: 'unchecked' });
      const report = await runWorker({ engine, store: counting.store, untilIdle: true, sleep: async () => {} });
      assert.equal(report.runsHandled, 2);
      for (const runId of runIds) {
        assert.equal((await store.getRun(runId))?.status, 'completed');
        assert.deepEqual(
          { readEvents: counting.calls.get(`readEvents:${runId}`), getRun: counting.calls.get(`getRun:${runId}`) ?? 0 },
          { readEvents: 1, getRun: 0 },
        );
      }
    } finally {
      await store.close();
    }
  });
});
