import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunSummary, WorkerRow } from '@sopflow/engine';
import { runHolding } from './run-stall.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const run = (queue: string): RunSummary => ({
  id: 'r1', workflowId: 'wf', workflowHash: 'h', status: 'running', startedAt: '2026-03-01T09:00:00Z', runnable: true, queue, version: 3,
});
const worker = (queues: string[], expiresAt: number): WorkerRow => ({ owner: 'w', host: 'h', pid: 1, queues, expiresAt });

describe('runHolding with task queues', () => {
  it('says a run waits on a queue no live worker serves, naming the command to start one', () => {
    const stalled = runHolding(run('gpu'), undefined, false, NOW, undefined, [worker(['default'], NOW.getTime() + 30_000), worker(['gpu'], NOW.getTime() - 1)]).stalled;
    assert.equal(stalled?.state, 'no-worker-for-queue');
    assert.equal(stalled?.reason, "its next step is on task queue 'gpu', which no live worker serves — start one with `sopflow worker --queue gpu`");
  });

  it('with a live worker on that queue the run is only unclaimed; the default queue keeps the plain advice', () => {
    assert.equal(runHolding(run('gpu'), undefined, false, NOW, undefined, [worker(['gpu'], NOW.getTime() + 30_000)]).stalled?.state, 'unclaimed');
    assert.equal(runHolding(run('default'), undefined, false, NOW, undefined, []).stalled?.state, 'unclaimed');
  });
});
