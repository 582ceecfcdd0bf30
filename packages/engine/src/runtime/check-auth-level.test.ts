import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createDirectory, createEngine, EngineError, parseWorkflowSource, toExecutionLog, type Directory, type RunEvent } from '../index.js';

const RELEASE = parseWorkflowSource(`osop_version: "1.1"
id: release
name: Release a batch
nodes:
  - { id: release, type: system, auth_level: supervisor, runtime: { action: noop } }
  - { id: ship, type: system, runtime: { action: noop } }
edges:
  - { from: release, to: ship }
`, 'release.osop');

const CUSTOM = parseWorkflowSource(`osop_version: "1.1"
id: custom
name: Custom levels
auth_levels: [junior, senior]
nodes:
  - { id: sign, type: system, auth_level: senior, runtime: { action: noop } }
`, 'custom.osop');

const people = createDirectory({
  olga: { level: 'operator', roles: ['line'] },
  sam: { level: 'supervisor', roles: ['release-manager'] },
  dora: { level: 'director' },
});

async function openTask(directory?: Directory, source = RELEASE) {
  const store = createMemoryStore();
  const engine = createEngine({ store, ...(directory === undefined ? {} : { directory }) });
  const runId = await engine.startRun(source);
  const [task] = await store.listTasks({ runId, status: 'open' });
  assert.ok(task !== undefined && task.kind === 'auth', 'the auth_level step waits on an authorisation task');
  return { store, engine, runId, task };
}

const completed = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'TaskCompleted' }> => e.type === 'TaskCompleted');

describe('auth_level enforcement', () => {
  it('refuses a person below the level (and one the directory does not know), recording nothing', async () => {
    const { engine, runId, task, store } = await openTask(people);
    const before = (await engine.getRun(runId)).events.length;
    for (const by of ['olga', 'nobody']) {
      await assert.rejects(engine.completeTask(task.id, { by, decision: 'approved' }), (error: unknown) => {
        assert.ok(error instanceof EngineError);
        assert.equal(error.code, 'auth_level_too_low');
        assert.match(error.message, new RegExp(`needs supervisor or above; ${by} (is operator|has no level)`));
        return true;
      });
    }
    await assert.rejects(engine.completeTask(task.id, { by: 'olga', decision: 'denied', reason: 'no' }), { code: 'auth_level_too_low' });
    assert.equal((await engine.getRun(runId)).events.length, before);
    assert.equal((await store.getTask(task.id))?.status, 'open');
  });

  it('accepts the level or above and records it as verified, in the events and the .osoplog', async () => {
    for (const by of ['sam', 'dora']) {
      const { engine, runId, task } = await openTask(people);
      await engine.completeTask(task.id, { by, decision: 'approved' });
      const run = await engine.getRun(runId);
      assert.equal(run.summary.status, 'completed');
      const [done] = completed(run.events);
      assert.deepEqual([done.by, done.levelVerified, done.level], [by, true, by === 'sam' ? 'supervisor' : 'director']);
      const log = toExecutionLog(run.state, run.events, run.source.workflow) as unknown as { node_records: { node_id: string; human_decisions?: unknown[] }[] };
      const record = log.node_records.find((r) => r.node_id === 'release');
      assert.deepEqual(record?.human_decisions?.map((d) => (d as { level_verified: boolean }).level_verified), [true]);
    }
  });

  it('without a directory accepts anyone but records level_verified: false', async () => {
    const { engine, runId, task } = await openTask();
    await engine.completeTask(task.id, { by: 'olga', decision: 'approved' });
    const run = await engine.getRun(runId);
    assert.equal(run.summary.status, 'completed');
    const [done] = completed(run.events);
    assert.equal(done.levelVerified, false);
    assert.equal(done.level, undefined);
  });

  it('orders levels by the workflow authLevels', async () => {
    const directory = createDirectory({ jo: { level: 'junior' }, sue: { level: 'senior' }, sam: { level: 'supervisor' } });
    const { engine, task, runId } = await openTask(directory, CUSTOM);
    await assert.rejects(engine.completeTask(task.id, { by: 'jo' }), { code: 'auth_level_too_low' });
    await assert.rejects(engine.completeTask(task.id, { by: 'sam' }), { code: 'auth_level_too_low' }, 'a level outside the workflow list is not enough');
    await engine.completeTask(task.id, { by: 'sue' });
    assert.equal((await engine.getRun(runId)).summary.status, 'completed');
    assert.deepEqual(directory.rolesOf('nobody'), []);
  });
});
