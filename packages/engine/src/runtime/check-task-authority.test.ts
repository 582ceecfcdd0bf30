import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { checkTaskAuthority, createDirectory, createEngine, EngineError, parseWorkflowSource, toExecutionLog, type Directory, type RunEvent, type TaskRow } from '../index.js';

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
  const engine = createEngine({ store, ...(directory === undefined ? { identity: 'unchecked' as const } : { directory }) });
  const runId = await engine.startRun(source);
  const [task] = await store.listTasks({ runId, status: 'open' });
  assert.ok(task !== undefined && task.kind === 'auth', 'the auth_level step waits on an authorisation task');
  return { store, engine, runId, task };
}

const completed = (events: RunEvent[]) => events.filter((e): e is Extract<RunEvent, { type: 'TaskCompleted' }> => e.type === 'TaskCompleted');

const ROLE = parseWorkflowSource(`osop_version: "1.1"
id: pack
name: Pack an order
nodes:
  - { id: pack, type: human, role: warehouse, name: Pack it }
`, 'pack.osop');

describe('who may complete a task (checkTaskAuthority, used by engine.completeTask)', () => {
  const task = (over: Partial<TaskRow> = {}): TaskRow => ({ id: 'k-1', runId: 'r-1', nodeId: 'pack', kind: 'work', status: 'open', title: 'Pack it', createdAt: '', role: 'warehouse', ...over });
  const staff = createDirectory({ wes: { roles: ['warehouse'] }, olga: { roles: ['line'], level: 'operator' } }, 7);

  it('accepts a holder of the role and pins the directory version; refuses anyone else with not_authorised', () => {
    assert.deepEqual(checkTaskAuthority(ROLE.workflow, task(), 'wes', staff), { ok: true, directoryVersion: 7 });
    const refused = checkTaskAuthority(ROLE.workflow, task(), 'olga', staff);
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.code, 'not_authorised');
    assert.match(!refused.ok ? refused.message : '', /task k-1 needs the role warehouse; olga holds line/);
    assert.equal(checkTaskAuthority(ROLE.workflow, task(), 'nobody', staff).ok, false, 'a person the directory does not know');
  });

  it('accepts the named assignee without the role', () => {
    assert.equal(checkTaskAuthority(ROLE.workflow, task({ assignee: 'olga' }), 'olga', staff).ok, true);
  });

  it('the engine refuses a user without the role, recording nothing, and records the directory version for the holder', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, directory: staff });
    const runId = await engine.startRun(ROLE);
    const [open] = await store.listTasks({ runId, status: 'open' });
    const before = (await engine.getRun(runId)).events.length;
    await assert.rejects(engine.completeTask(open.id, { by: 'olga' }), { code: 'not_authorised' });
    assert.equal((await engine.getRun(runId)).events.length, before);
    await engine.completeTask(open.id, { by: 'wes', enteredBy: 'ada' });
    const [done] = completed((await engine.getRun(runId)).events);
    assert.deepEqual([done.by, done.enteredBy, done.directoryVersion, done.identity], ['wes', 'ada', 7, undefined]);
  });

  it('an engine with identity: unchecked accepts anyone and says so on the decision', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, identity: 'unchecked' });
    const runId = await engine.startRun(ROLE);
    const [open] = await store.listTasks({ runId, status: 'open' });
    await engine.completeTask(open.id, { by: 'anyone' });
    const [done] = completed((await engine.getRun(runId)).events);
    assert.deepEqual([done.by, done.identity, done.directoryVersion], ['anyone', 'unchecked', undefined]);
  });

  it('reads the store\'s user directory at decision time when no directory is given', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store });
    const runId = await engine.startRun(ROLE);
    const [open] = await store.listTasks({ runId, status: 'open' });
    await assert.rejects(engine.completeTask(open.id, { by: 'wes' }), { code: 'not_authorised' });
    await store.putUser({ name: 'wes', roles: ['warehouse'] });
    const version = await store.directoryVersion();
    await engine.completeTask(open.id, { by: 'wes' });
    const [done] = completed((await engine.getRun(runId)).events);
    assert.equal(done.directoryVersion, version);
  });
});

describe('auth_level enforcement', () => {
  it('refuses a person below the level (and one the directory does not know), recording nothing', async () => {
    const { engine, runId, task, store } = await openTask(people);
    const before = (await engine.getRun(runId)).events.length;
    await assert.rejects(engine.completeTask(task.id, { by: 'olga', decision: 'approved' }), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.code, 'auth_level_too_low');
      assert.match(error.message, /needs supervisor or above; olga is operator/);
      return true;
    });
    await assert.rejects(engine.completeTask(task.id, { by: 'nobody', decision: 'approved' }), { code: 'not_authorised' });
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

const PAYMENT = parseWorkflowSource(`osop_version: "1.1"
id: paid
name: Wait for payment
nodes:
  - { id: order, type: system, runtime: { action: noop } }
  - { id: paid, type: system }
  - { id: ship, type: system, runtime: { action: noop } }
edges:
  - { from: order, to: paid, mode: signal, signal: payment }
  - { from: paid, to: ship }
`, 'paid.osop');

describe('signals', () => {
  it('refuses a signal no step waits for (no_waiter, naming what the run waits for), recording nothing', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, identity: 'unchecked' });
    const runId = await engine.startRun(PAYMENT);
    const before = (await engine.getRun(runId)).events.length;
    await assert.rejects(engine.signal(runId, 'paymnet'), (error: unknown) => {
      assert.ok(error instanceof EngineError);
      assert.equal(error.code, 'no_waiter');
      assert.match(error.message, /no step waiting for signal "paymnet"; it waits for "payment"/);
      return true;
    });
    assert.equal((await engine.getRun(runId)).events.length, before);
    await engine.signal(runId, 'payment');
    assert.equal((await engine.getRun(runId)).summary.status, 'completed');
  });
});
