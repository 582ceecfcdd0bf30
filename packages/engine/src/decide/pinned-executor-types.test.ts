import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, decide, emptyRunState, foldRun, parseWorkflowSource, runWorker, type RunEvent, type RunStarted, type StepExecutor } from '../index.js';

const GATED = parseWorkflowSource(`osop_version: "1.1"
id: gated
name: Deploy after approval
nodes:
  - id: deploy
    type: cli
    approval_gate: { required: true, approver_role: release-manager }
`);
const at = '2026-01-01T00:00:00.000Z';

/** The run started by a worker that has a cli executor, up to the open approval task. */
function started(): RunEvent[] {
  const start = decide(GATED.workflow, emptyRunState('r'), { type: 'start', at, runId: 'r', contentHash: GATED.hash, inputs: {}, seed: 1 }, { executorTypes: ['cli', 'noop', 'cli'] });
  return start.events;
}

function approve(history: RunEvent[], executorTypes: string[]) {
  return decide(GATED.workflow, foldRun(history, 'r'), { type: 'taskCompleted', at, taskId: 'r-k1', by: 'rm', decision: 'approved' }, { executorTypes });
}

describe('executor types pinned in RunStarted', () => {
  it('records the starting worker\'s executor types, sorted and without duplicates', () => {
    const first = started()[0];
    assert.deepEqual(first.type === 'RunStarted' ? first.executorTypes : undefined, ['cli', 'noop']);
  });

  it('decides alike on two workers configured differently: the pinned set, not the options, says who performs', () => {
    const history = started();
    const withoutCli = approve(history, ['noop']);
    const withMore = approve(history, ['noop', 'cli', 'agent']);
    assert.deepEqual(withoutCli.events, withMore.events);
    assert.deepEqual(withoutCli.commands, withMore.commands);
    assert.equal(withoutCli.commands.filter((c) => c.type === 'executeStep').length, 1, 'the cli step is executed, not handed to a person');
  });

  it('falls back to the options for a run recorded before the pinning (RunStarted without executorTypes)', () => {
    const history = started().map((e) => (e.type === 'RunStarted' ? { ...e, executorTypes: undefined } : e));
    const legacy = history.map((e) => JSON.parse(JSON.stringify(e)) as RunEvent);
    const withoutCli = approve(legacy, ['noop']);
    assert.equal(withoutCli.events.find((e) => e.type === 'TaskOpened')?.type, 'TaskOpened', 'no cli executor in the options: a person does it');
    assert.equal(approve(legacy, ['noop', 'cli']).commands.filter((c) => c.type === 'executeStep').length, 1);
  });

  it('a child run pins its parent\'s executor types, not those of the worker that starts it', async () => {
    const spawn = parseWorkflowSource(`osop_version: "1.1"
id: fan
name: Fan out
nodes:
  - { id: plan, type: system, runtime: { action: noop } }
  - { id: research, type: cli }
edges:
  - { from: plan, to: research, mode: spawn, spawn_count: 2 }
`);
    const store = createMemoryStore();
    const cli: StepExecutor = { handles: ['cli'], execute: async () => ({ status: 'completed', output: {} }) };
    const agent: StepExecutor = { handles: ['agent'], execute: async () => ({ status: 'completed', output: {} }) };
    const starter = createEngine({ store, executors: [cli], identity: 'unchecked' });
    const runId = await starter.startRun(spawn, {}, { detach: true });
    const worker = createEngine({ store, executors: [cli, agent], identity: 'unchecked', owner: 'other-worker' });
    await runWorker({ engine: worker, store, untilIdle: true, sleep: async () => {} });
    const pinned = async (id: string) => ((await store.readEvents(id))[0].data as RunStarted).executorTypes;
    assert.deepEqual(await pinned(runId), ['cli', 'noop']);
    const children = (await store.listRuns()).filter((r) => r.id !== runId);
    assert.equal(children.length, 2);
    for (const child of children) assert.deepEqual(await pinned(child.id), ['cli', 'noop'], child.id);
  });

  it('decide pins the start input\'s executorTypes over its options', () => {
    const start = decide(GATED.workflow, emptyRunState('c'), {
      type: 'start', at, runId: 'c', contentHash: GATED.hash, inputs: {}, seed: 1, executorTypes: ['noop', 'cli', 'noop'],
    }, { executorTypes: ['noop', 'agent'] });
    const first = start.events[0];
    assert.deepEqual(first.type === 'RunStarted' ? first.executorTypes : undefined, ['cli', 'noop']);
  });
});
