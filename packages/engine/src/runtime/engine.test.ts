import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { validateSource } from '@sopflow/format';
import { createMemoryStore, createSqliteStore } from '@sopflow/store';
import {
  createEngine, createSimulatedClock, decide, EngineError, foldRun, parseWorkflowSource, runWorker, toExecutionLog,
  type RunEvent, type StepExecutor, type StepResult,
} from '../index.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sopflow-engine-'));
const noSleep = async () => {};

const REVIEW = parseWorkflowSource(`osop_version: "1.1"
id: review
name: Review then file
inputs:
  - { name: case, type: number }
nodes:
  - { id: check, type: human, role: clerk, form: { type: object, required: [ok], properties: { ok: { type: boolean } } } }
  - { id: file, type: system, runtime: { action: noop } }
edges:
  - { from: check, to: file }
`, 'review.osop');

function gatedExecutor(types: string[]): { executor: StepExecutor; release: (result: StepResult) => void; calls: () => number } {
  let calls = 0;
  let release: (result: StepResult) => void = () => {};
  return {
    executor: {
      handles: types,
      execute: () => { calls += 1; return new Promise<StepResult>((resolve) => { release = resolve; }); },
    },
    release: (result) => release(result),
    calls: () => calls,
  };
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition never held');
}

describe('engine', () => {
  it('replays: folding the stored events gives the same state, and decide leaves its input state untouched', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ identity: 'unchecked', store, clock: createSimulatedClock() });
    const runId = await engine.startRun(REVIEW, { case: 7 });
    const run = await engine.getRun(runId);
    assert.deepEqual(foldRun(run.events, runId), run.state);
    const frozen = JSON.stringify(run.state);
    const task = (await store.listTasks({ runId }))[0];
    const decision = decide(REVIEW.workflow, run.state, { type: 'taskCompleted', at: '2026-01-01T00:00:01.000Z', taskId: task.id, by: 'x', decision: 'done', data: { ok: true } });
    assert.deepEqual(decision.events.map((e) => e.type), ['TaskCompleted', 'StepCompleted', 'StepScheduled']);
    assert.deepEqual(decision.commands.map((c) => c.type), ['executeStep']);
    assert.equal(JSON.stringify(run.state), frozen);
  });

  it('refuses bad requests with a code and changes nothing', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ identity: 'unchecked', store, clock: createSimulatedClock() });
    const runId = await engine.startRun(REVIEW, {});
    const task = (await store.listTasks({ runId }))[0];
    const code = async (work: Promise<unknown>) => { try { await work; return 'ok'; } catch (e) { return (e as EngineError).code; } };
    assert.equal(await code(engine.signal('r-nope', 'x')), 'unknown_run');
    assert.equal(await code(engine.completeTask('k-nope', { by: 'a' })), 'unknown_task');
    const before = (await store.getRun(runId))!.version;
    assert.equal(await code(engine.completeTask(task.id, { by: 'a', data: { ok: 'yes' } })), 'invalid_form');
    assert.equal((await store.getRun(runId))!.version, before);
    assert.equal(await code(engine.completeTask(task.id, { by: 'a', data: { ok: true } })), 'ok');
    const after = (await store.getRun(runId))!.version;
    assert.equal(await code(engine.completeTask(task.id, { by: 'b', data: { ok: true } })), 'task_closed');
    assert.equal(await code(engine.signal(runId, 'late')), 'run_finished');
    assert.equal((await store.getRun(runId))!.version, after);
    assert.equal(await code(engine.startRun(parseWorkflowSource(`osop_version: "1.1"\nid: x\nname: X\ninputs:\n  - { name: amount, required: true }\nnodes:\n  - { id: a, type: human }\nedges: []\n`), {})), 'invalid_input');
  });

  it('a run in flight stays on its pinned version when the file changes; a tampered pinned text is refused clearly', async () => {
    const file = join(tmp(), 'pin.db');
    const store = await createSqliteStore(file);
    const engine = createEngine({ identity: 'unchecked', store, clock: createSimulatedClock() });
    const runId = await engine.startRun(REVIEW, {});
    const changed = parseWorkflowSource(REVIEW.text.replace('id: file', 'id: archive').replace('to: file', 'to: archive'));
    assert.notEqual(changed.hash, REVIEW.hash);
    const task = (await store.listTasks({ runId }))[0];
    await engine.completeTask(task.id, { by: 'ann', data: { ok: true } });
    const run = await engine.getRun(runId);
    assert.equal(run.summary.status, 'completed');
    assert.ok(run.events.some((e) => e.type === 'StepCompleted' && e.nodeId === 'file'));
    await store.close();
    const raw = new Database(file);
    raw.prepare('UPDATE workflows SET text = ?').run(changed.text);
    raw.close();
    const reopened = createEngine({ identity: 'unchecked', store: await createSqliteStore(file) });
    await assert.rejects(reopened.getRun(runId), (e: unknown) => e instanceof EngineError && e.code === 'workflow_unavailable' && /pinned/.test(e.message));
  });

  it('after a crash, a non-idempotent step becomes a "did this happen?" task and an idempotent one runs again', async () => {
    const file = join(tmp(), 'crash.db');
    const wf = parseWorkflowSource(`osop_version: "1.1"
id: crash
name: Crash in the middle
nodes:
  - { id: pay, type: cli, role: ops }
  - { id: fetch, type: api, runtime: { method: GET, url: "http://127.0.0.1:9/x" } }
edges:
  - { from: pay, to: fetch }
`);
    const clock = createSimulatedClock();
    const first = gatedExecutor(['cli', 'api']);
    const storeA = await createSqliteStore(file);
    const engineA = createEngine({ identity: 'unchecked', store: storeA, clock, executors: [first.executor], leaseTtlMs: 1000, owner: 'A' });
    void engineA.startRun(wf, {}, { runId: 'c1' });
    await until(async () => first.calls() === 1);
    // Process A dies here: 'pay' is recorded as started and never reports.
    clock.advance(1500);
    let payRuns = 0;
    const second: StepExecutor = { handles: ['cli', 'api'], execute: async (r) => { if (r.node.id === 'pay') payRuns += 1; return { status: 'completed', output: { ok: r.node.id } }; } };
    const storeB = await createSqliteStore(file);
    const engineB = createEngine({ identity: 'unchecked', store: storeB, clock, executors: [second], leaseTtlMs: 1000, owner: 'B' });
    await runWorker({ engine: engineB, store: storeB, clock, untilIdle: true, sleep: noSleep });
    const tasks = await storeB.listTasks({ runId: 'c1', status: 'open' });
    assert.deepEqual(tasks.map((t) => [t.nodeId, t.kind, t.reason]), [['pay', 'did-this-happen', 'UNKNOWN_OUTCOME']]);
    assert.equal(payRuns, 0);
    await engineB.completeTask(tasks[0].id, { by: 'olga', decision: 'not_done' });
    await engineB.settle();
    assert.equal(payRuns, 1);
    const run = await engineB.getRun('c1');
    assert.equal(run.summary.status, 'completed');
    assert.deepEqual(run.events.filter((e) => e.type === 'StepStarted').map((e) => (e as { nodeId: string }).nodeId), ['pay', 'pay', 'fetch']);

    const gated = gatedExecutor(['api']);
    const engineC = createEngine({ identity: 'unchecked', store: storeA, clock, executors: [gated.executor], leaseTtlMs: 1000, owner: 'C' });
    const fetchOnly = parseWorkflowSource(wf.text.replace('  - { id: pay, type: cli, role: ops }\n', '').replace('edges:\n  - { from: pay, to: fetch }\n', 'edges: []\n'));
    void engineC.startRun(fetchOnly, {}, { runId: 'c2' });
    await until(async () => gated.calls() === 1);
    clock.advance(1500);
    await runWorker({ engine: engineB, store: storeB, clock, untilIdle: true, sleep: noSleep });
    const recovered = await engineB.getRun('c2');
    assert.equal(recovered.summary.status, 'completed');
    assert.ok(recovered.events.some((e) => e.type === 'StepStarted' && e.recovered === true));
    assert.equal((await storeB.verifyAuditChain()).ok, true);
  });

  it('two workers on one SQLite file run detached runs exactly once each', async () => {
    const file = join(tmp(), 'workers.db');
    const wf = parseWorkflowSource(`osop_version: "1.1"
id: five
name: Five steps
inputs:
  - { name: i, type: number }
nodes:
${[1, 2, 3, 4, 5].map((i) => `  - { id: s${i}, type: system, runtime: { action: noop } }`).join('\n')}
edges:
${[1, 2, 3, 4].map((i) => `  - { from: s${i}, to: s${i + 1} }`).join('\n')}
`);
    const setup = createEngine({ identity: 'unchecked', store: await createSqliteStore(file) });
    for (let i = 0; i < 12; i++) await setup.startRun(wf, { i }, { detach: true });
    const stores = [await createSqliteStore(file), await createSqliteStore(file)];
    const engines = stores.map((store, i) => createEngine({ identity: 'unchecked', store, owner: `w${i}` }));
    await Promise.all(engines.map((engine, i) => runWorker({ engine, store: stores[i], untilIdle: true, concurrency: 3, sleep: noSleep })));
    const runs = await stores[0].listRuns();
    assert.equal(runs.length, 12);
    assert.ok(runs.every((r) => r.status === 'completed'));
    for (const run of runs) {
      const events = (await stores[0].readEvents(run.id)).map((e) => e.data as RunEvent);
      assert.equal(events.filter((e) => e.type === 'StepStarted').length, 5);
    }
    assert.equal((await stores[0].verifyAuditChain()).ok, true);
  });

  it('records the person and the shadow agent in trialing, and the .osoplog validates', async () => {
    const wf = parseWorkflowSource(`osop_version: "1.1"
id: trial
name: Code a diagnosis
nodes:
  - { id: code, type: agent, role: coder, delegation_state: trialing }
edges: []
`);
    const agent: StepExecutor = { handles: ['agent'], execute: async () => ({ status: 'completed', output: { icd: 'J18', severity: 'mild' }, confidence: 0.9, usage: { provider: 'openai', model: 'm', promptTokens: 10, completionTokens: 5 } }) };
    const store = createMemoryStore();
    const engine = createEngine({ identity: 'unchecked', store, clock: createSimulatedClock(), executors: [agent] });
    const runId = await engine.startRun(wf, {});
    const task = (await store.listTasks({ runId }))[0];
    await engine.completeTask(task.id, { by: 'cody', data: { icd: 'J18', severity: 'moderate' } });
    const run = await engine.getRun(runId);
    const completed = run.events.find((e) => e.type === 'StepCompleted');
    assert.equal(completed?.type === 'StepCompleted' && completed.shadow?.agreement, 0.5);
    assert.equal(completed?.type === 'StepCompleted' && completed.by, 'cody');
    const log = toExecutionLog(run.state, run.events, run.source.workflow);
    const record = log.node_records?.[0];
    assert.equal(record?.performed_by, 'cody');
    assert.deepEqual((record?.human_decisions as { by: string }[])[0].by, 'cody');
    const report = validateSource(JSON.stringify(log), 'run.osoplog');
    assert.deepEqual(report.diagnostics.filter((d) => d.severity === 'error'), []);
  });
});
