import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, parseWorkflowSource, runWorker, type RunEvent } from '../index.js';

// A noop step, then a person's step (which exists only once a worker ran the first), then a noop.
const PREPARED_REVIEW = parseWorkflowSource(`osop_version: "1.1"
id: prepared-review
name: Prepare, review, file
nodes:
  - { id: prepare, type: system, runtime: { action: noop } }
  - { id: check, type: human, role: clerk }
  - { id: file, type: system, runtime: { action: noop } }
edges:
  - { from: prepare, to: check }
  - { from: check, to: file }
`);

describe('decisions entered by an engine that does not hold the run', () => {
  it('a task a worker opened after this engine started (and cached) the run is completed, not refused as unknown; its cancel of another such run lands too', async () => {
    const store = createMemoryStore();
    // The starter stands for `sopflow serve` or a script: it starts runs detached and enters people's decisions; workers run them.
    const starter = createEngine({ store, identity: 'unchecked', owner: 'starter' });
    const worker = createEngine({ store, identity: 'unchecked', owner: 'worker' });
    const runId = await starter.startRun(PREPARED_REVIEW, {}, { detach: true });
    const other = await starter.startRun(PREPARED_REVIEW, {}, { detach: true });
    await runWorker({ engine: worker, store, untilIdle: true, sleep: async () => {} });
    const [task] = await store.listTasks({ status: 'open', runId });
    assert.equal(task?.nodeId, 'check', 'the worker opened the person\'s task');

    await starter.completeTask(task.id, { by: 'carol' });
    assert.equal((await store.getTask(task.id))?.status, 'completed');
    await runWorker({ engine: worker, store, untilIdle: true, sleep: async () => {} });
    const events = (await store.readEvents(runId)).map((e) => e.data as RunEvent);
    assert.deepEqual(events.filter((e) => e.type === 'StepCompleted').map((e) => e.type === 'StepCompleted' && e.nodeId), ['prepare', 'check', 'file']);
    assert.equal((await store.getRun(runId))?.status, 'completed');

    await starter.cancel(other, 'not needed');
    assert.equal((await store.getRun(other))?.status, 'cancelled');
    assert.equal((await store.verifyAuditChain()).ok, true);
  });
});
