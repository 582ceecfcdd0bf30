import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import { createEngine, decide, emptyRunState, foldRun, parseWorkflowSource, runWorker, type DecideInput, type RunEvent, type StepExecutor } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';
import { appendDecisionOnly, PERSON_CHILD, RACING_PARENT } from '../../test-support/child-run-workflows.js';

/** `sub` (child runs: a `workflow_ref`, or a spawn edge) races the `go` signal into a wait_any join; a signal sent early wins in the decision that orders the children. */
const raceWith = (sub: string, toSub: string) => parseWorkflowSource(`osop_version: "1.1"
id: race-children
name: Sub-process unless told to go on
nodes:
  - { id: check, type: cli, idempotent: true }
  - ${sub}
  - { id: go, type: event, runtime: { event: go } }
  - { id: done, type: system, runtime: { action: noop } }
edges:
  - ${toSub}
  - { from: check, to: go }
  - { from: sub, to: done, join_mode: wait_any }
  - { from: go, to: done, join_mode: wait_any }
`);
const REF = raceWith('{ id: sub, type: system, workflow_ref: child.osop }', '{ from: check, to: sub }');
const SPAWN = raceWith('{ id: sub, type: api }', '{ from: check, to: sub, mode: spawn, spawn_count: 2 }');
const CHILD = parseWorkflowSource(`osop_version: "1.1"
id: child
name: Child
nodes:
  - { id: only, type: system, runtime: { action: noop } }
`);

const STARTED = RACING_PARENT;
const WAITING_CHILD = PERSON_CHILD;

const OPTIONS = { executorTypes: ['noop', 'cli', 'api'] };

/** The decision on `check`'s result, after `go` was signalled early. */
function decideCheck(source: typeof REF) {
  const start = { type: 'start', at: T0, runId: 'r', contentHash: source.hash, inputs: {}, seed: 1 } as const;
  let state = applyDecision(emptyRunState('r'), decide(source.workflow, emptyRunState('r'), start, OPTIONS), T0);
  state = applyDecision(state, decide(source.workflow, state, { type: 'signal', at: at(1), name: 'go' }, OPTIONS), at(1));
  const checked = decide(source.workflow, state, { type: 'stepResult', at: at(2), nodeId: 'check', activation: 1, attempt: 1, result: { status: 'completed', output: {} } }, OPTIONS);
  return { checked, state: applyDecision(state, checked, at(2)) };
}

describe('a sub-workflow step cancelled in the decision that ordered its child runs starts none', () => {
  for (const [name, source, count] of [['workflow_ref', REF, 1], ['spawn', SPAWN, 2]] as const) {
    it(`${name}: no startChildRun is left, each ChildRunStarted is closed as cancelled before the StepSkipped, and the step waits for nothing`, () => {
      const { checked, state } = decideCheck(source);
      assert.deepEqual(checked.commands.filter((c) => c.type === 'startChildRun'), []);
      const types = checked.events.filter((e) => e.nodeId === 'sub' || ('childRunId' in e)).map((e) => e.type);
      assert.deepEqual(types, ['StepScheduled', ...Array(count).fill('ChildRunStarted'), ...Array(count).fill('ChildRunEnded'), 'StepSkipped']);
      const ends = checked.events.filter((e) => e.type === 'ChildRunEnded');
      assert.ok(ends.every((e) => e.type === 'ChildRunEnded' && e.status === 'cancelled' && e.started === false));
      assert.equal(state.steps.sub.status, 'skipped');
      assert.equal(state.steps.sub.skipReason, 'cancelled_by_join');
      assert.deepEqual(state.steps.sub.children?.ended.map((c) => c.childRunId), state.steps.sub.children?.started);
      assert.equal(state.status, 'running');
      assert.deepEqual(checked.commands.filter((c) => c.type === 'executeStep').map((c) => c.nodeId), ['done']);
      // A takeover starts no child and asks nothing about the skipped step.
      const resumed = decide(source.workflow, state, { type: 'resume', at: at(3) }, OPTIONS);
      assert.deepEqual(resumed.commands.filter((c) => c.type === 'startChildRun' || c.type === 'cancelChildRun'), []);
      assert.deepEqual(resumed.events.filter((e) => e.type === 'TaskOpened'), []);
    });
  }
});

describe('a sub-workflow step cancelled while its child runs asks the child to cancel', () => {
  it('the join won by `go` skips `sub` and orders cancelChildRun for its running child; nothing is recorded for the child in the parent', () => {
    const start = { type: 'start', at: T0, runId: 'p', contentHash: STARTED.hash, inputs: {}, seed: 1 } as const;
    const state = applyDecision(emptyRunState('p'), decide(STARTED.workflow, emptyRunState('p'), start, OPTIONS), T0);
    assert.deepEqual(state.steps.sub.children?.started, ['p.sub.1.0']);
    const signalled = decide(STARTED.workflow, state, { type: 'signal', at: at(1), name: 'go' }, OPTIONS);
    assert.deepEqual(signalled.commands.filter((c) => c.type === 'cancelChildRun'), [
      { type: 'cancelChildRun', nodeId: 'sub', childRunId: 'p.sub.1.0', reason: 'parent step sub was skipped (cancelled_by_join)' },
    ]);
    assert.deepEqual(signalled.events.filter((e) => e.type === 'ChildRunEnded'), []);
    assert.equal(signalled.state?.steps.sub.status, 'skipped');
    // The child's end, when it comes, is only recorded (skipped-step-child-ends.test.ts).
    const ended = decide(STARTED.workflow, signalled.state!, { type: 'childEnded', at: at(2), nodeId: 'sub', childRunId: 'p.sub.1.0', status: 'cancelled' }, OPTIONS);
    assert.deepEqual(ended.events.map((e) => e.type), ['ChildRunEnded']);
  });

  it('a child that already ended is not asked again', () => {
    const start = { type: 'start', at: T0, runId: 'p', contentHash: STARTED.hash, inputs: {}, seed: 1 } as const;
    let state = applyDecision(emptyRunState('p'), decide(STARTED.workflow, emptyRunState('p'), start, OPTIONS), T0);
    state = applyDecision(state, decide(STARTED.workflow, state, { type: 'childEnded', at: at(1), nodeId: 'sub', childRunId: 'p.sub.1.0', status: 'completed', output: {} }, OPTIONS), at(1));
    const cancelled = decide(STARTED.workflow, state, { type: 'cancel', at: at(2), reason: 'stop' }, OPTIONS);
    assert.deepEqual(cancelled.commands.filter((c) => c.type === 'cancelChildRun'), []);
  });
});

/** An engine on a fresh SQLite file whose `workflow_ref` always resolves to `child` (the refs it was asked for are kept). */
async function sqliteEngine(child: typeof CHILD) {
  const store = await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-child-cancel-')), 'runs.db'));
  const resolved: string[] = [];
  const cli: StepExecutor = { handles: ['cli'], execute: async () => ({ status: 'completed', output: {} }) };
  const engine = createEngine({ store, executors: [cli], identity: 'unchecked', resolveWorkflowRef: async (ref) => { resolved.push(ref); return child; } });
  return { store, engine, resolved };
}

type Harness = Awaited<ReturnType<typeof sqliteEngine>>;

describe('through the engine on SQLite: the cancelled sub-workflow step leaves no child run', () => {
  it('the child workflow is never resolved, no run row exists for the child, and the parent completes', async () => {
    const { store, engine, resolved } = await sqliteEngine(CHILD);
    try {
      const runId = await engine.startRun(REF, {}, { detach: true });
      await engine.signal(runId, 'go');
      await engine.resume(runId);
      const events = (await store.readEvents(runId)).map((e) => e.data as RunEvent);
      const started = events.filter((e) => e.type === 'ChildRunStarted').map((e) => e.childRunId);
      assert.equal(started.length, 1);
      assert.deepEqual(resolved, []);
      assert.equal(await store.getRun(started[0]), undefined);
      assert.deepEqual((await store.listRuns()).map((r) => r.id), [runId]);
      assert.equal((await store.getRun(runId))?.status, 'completed');
      assert.ok(events.some((e) => e.type === 'StepSkipped' && e.nodeId === 'sub' && e.reason === 'cancelled_by_join'));
    } finally {
      await store.close();
    }
  });
});

describe('through the engine on SQLite: a running child of a cancelled step is cancelled', () => {
  const childOf = async (store: Harness['store'], runId: string) => (await store.listRuns()).find((r) => r.parentRunId === runId);
  for (const [how, reason, stop] of [
    ['the join is won by a signal', 'cancelled_by_join', (engine: Harness['engine'], runId: string) => engine.signal(runId, 'go')],
    ['the parent run is cancelled', 'run_cancelled', (engine: Harness['engine'], runId: string) => engine.cancel(runId, 'no longer needed')],
  ] as const) {
    it(`${how}: the child run ends cancelled with its person's task closed`, async () => {
      const { store, engine } = await sqliteEngine(WAITING_CHILD);
      try {
        const runId = await engine.startRun(STARTED, {});
        const child = await childOf(store, runId);
        assert.equal(child?.status, 'waiting');
        assert.deepEqual((await store.listTasks({ runId: child!.id })).map((t) => t.status), ['open']);
        await stop(engine, runId);
        await engine.settle();
        assert.equal((await store.getRun(child!.id))?.status, 'cancelled');
        assert.deepEqual((await store.listTasks({ runId: child!.id })).map((t) => t.status), ['cancelled']);
        const childEvents = (await store.readEvents(child!.id)).map((e) => e.data as RunEvent);
        assert.ok(childEvents.some((e) => e.type === 'RunCancelled' && e.reason === `parent step sub was skipped (${reason})`));
      } finally {
        await store.close();
      }
    });
  }
});

describe('a takeover asks again the running children of a skipped step (the first cancel may have died with its process)', () => {
  const start = { type: 'start', at: T0, runId: 'p', contentHash: STARTED.hash, inputs: {}, seed: 1 } as const;
  const started = () => applyDecision(emptyRunState('p'), decide(STARTED.workflow, emptyRunState('p'), start, OPTIONS), T0);
  const cancels = (commands: readonly { type: string }[]) => commands.filter((c) => c.type === 'cancelChildRun');

  for (const [how, stop, reason, status] of [
    ['the join was won by a signal (the parent runs on)', { type: 'signal', at: at(1), name: 'go' }, 'cancelled_by_join', 'running'],
    ['the parent run was cancelled (the parent ended)', { type: 'cancel', at: at(1), reason: 'stop' }, 'run_cancelled', 'cancelled'],
  ] as const) {
    it(`${how}: a history with sub skipped, its child started and no ChildRunEnded → resume orders cancelChildRun again, recording nothing`, () => {
      // The stored history only: the decision's cancelChildRun was never carried out.
      const history = [...decide(STARTED.workflow, emptyRunState('p'), start, OPTIONS).events];
      history.push(...decide(STARTED.workflow, foldRun(history, 'p'), stop as DecideInput, OPTIONS).events);
      const state = foldRun(history, 'p');
      assert.equal(state.steps.sub.status, 'skipped');
      assert.equal(state.status, status);
      assert.deepEqual(history.filter((e) => e.type === 'ChildRunEnded'), []);
      const resumed = decide(STARTED.workflow, state, { type: 'resume', at: at(9) }, OPTIONS);
      assert.deepEqual(cancels(resumed.commands), [
        { type: 'cancelChildRun', nodeId: 'sub', childRunId: 'p.sub.1.0', reason: `parent step sub was skipped (${reason})` },
      ]);
      assert.deepEqual(resumed.events.filter((e) => e.nodeId === 'sub' || 'childRunId' in e), []);
    });
  }

  it('a child whose end the parent recorded is not asked again, and neither is a running step\'s child', () => {
    const waiting = started();
    assert.deepEqual(cancels(decide(STARTED.workflow, waiting, { type: 'resume', at: at(1) }, OPTIONS).commands), []);
    const ended = applyDecision(waiting, decide(STARTED.workflow, waiting, { type: 'childEnded', at: at(1), nodeId: 'sub', childRunId: 'p.sub.1.0', status: 'completed', output: {} }, OPTIONS), at(1));
    const cancelled = applyDecision(ended, decide(STARTED.workflow, ended, { type: 'cancel', at: at(2), reason: 'stop' }, OPTIONS), at(2));
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(cancels(decide(STARTED.workflow, cancelled, { type: 'resume', at: at(3) }, OPTIONS).commands), []);
  });
});

describe('through the engine on SQLite: a crash between the parent\'s StepSkipped and the child\'s cancel', () => {
  /** Stores the parent's decision on `input` as the run loop would, then "crashes": none of its commands is carried out. */
  async function appendWithoutCommands(store: Harness['store'], runId: string, input: DecideInput): Promise<void> {
    const lost = await appendDecisionOnly(store, STARTED, runId, input, ['noop', 'cli']);
    assert.ok(lost.some((c) => c.type === 'cancelChildRun'), 'the lost decision did order the cancel');
  }
  const childOf = async (store: Harness['store'], runId: string) => (await store.listRuns()).find((r) => r.parentRunId === runId);

  it('the parent runs on: a worker claims it, its takeover cancels the child (task closed) and the parent completes', async () => {
    const { store, engine } = await sqliteEngine(WAITING_CHILD);
    try {
      const runId = await engine.startRun(STARTED, {});
      const child = await childOf(store, runId);
      assert.equal(child?.status, 'waiting');
      await appendWithoutCommands(store, runId, { type: 'signal', at: new Date().toISOString(), name: 'go' });
      assert.equal((await store.getRun(child!.id))?.status, 'waiting', 'the child still waits after the crash');
      const successor = createEngine({ store, identity: 'unchecked', owner: 'successor' });
      const report = await runWorker({ engine: successor, store, untilIdle: true });
      assert.deepEqual(report.gaveUp, []);
      assert.equal((await store.getRun(runId))?.status, 'completed');
      assert.equal((await store.getRun(child!.id))?.status, 'cancelled');
      assert.deepEqual((await store.listTasks({ runId: child!.id })).map((t) => t.status), ['cancelled']);
      const childEvents = (await store.readEvents(child!.id)).map((e) => e.data as RunEvent);
      assert.ok(childEvents.some((e) => e.type === 'RunCancelled' && e.reason === 'parent step sub was skipped (cancelled_by_join)'));
    } finally {
      await store.close();
    }
  });

  it('the parent ended: resuming it cancels the child; resuming again changes nothing in either run', async () => {
    const { store, engine } = await sqliteEngine(WAITING_CHILD);
    try {
      const runId = await engine.startRun(STARTED, {});
      const child = await childOf(store, runId);
      await appendWithoutCommands(store, runId, { type: 'cancel', at: new Date().toISOString(), reason: 'no longer needed' });
      assert.equal((await store.getRun(runId))?.status, 'cancelled');
      assert.equal((await store.getRun(child!.id))?.status, 'waiting');
      const successor = createEngine({ store, identity: 'unchecked', owner: 'successor' });
      await successor.resume(runId);
      assert.equal((await store.getRun(child!.id))?.status, 'cancelled');
      const counts = [(await store.readEvents(runId)).length, (await store.readEvents(child!.id)).length];
      await successor.resume(runId);
      assert.deepEqual([(await store.readEvents(runId)).length, (await store.readEvents(child!.id)).length], counts);
      assert.equal((await store.getRun(child!.id))?.status, 'cancelled');
    } finally {
      await store.close();
    }
  });
});
