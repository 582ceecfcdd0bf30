import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, createSqliteStore } from '@sopflow/store';
import {
  createEngine, decide, emptyRunState, foldRun, isRunnable, parseWorkflowSource, runWorker, type DecideInput, type RunEvent, type RunState, type RunStore,
} from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';
import { appendDecisionOnly, PERSON_CHILD } from '../../test-support/child-run-workflows.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../store/src/test-support/postgres-test-schema.js';

// `sub` runs a child workflow and gives up on it after a minute (a failure nothing handles fails the run).
const PARENT = parseWorkflowSource(`osop_version: "1.1"
id: ended-parent
name: Sub-process with a deadline
nodes:
  - { id: sub, type: system, workflow_ref: middle.osop, timeout_sec: 60 }
  - { id: after, type: system, runtime: { action: noop } }
edges:
  - { from: sub, to: after }
`);
// The child runs a grandchild in turn; the grandchild waits for a person.
const MIDDLE = parseWorkflowSource(`osop_version: "1.1"
id: middle
name: Middle
nodes:
  - { id: inner, type: system, workflow_ref: leaf.osop }
`);
const LEAF = PERSON_CHILD;
const OPTIONS = { executorTypes: ['noop'] };
const CHILD_ID = 'p.sub.1.0';
const start: DecideInput = { type: 'start', at: T0, runId: 'p', contentHash: PARENT.hash, inputs: {}, seed: 1 };
const timeoutOf = (state: RunState) => Object.values(state.timers).find((t) => t.purpose === 'timeout')!.timerId;
const cancels = (commands: readonly { type: string }[]) => commands.filter((c) => c.type === 'cancelChildRun');

/** The ways a parent ends while its child runs: its sub-workflow step times out (nothing handles it, so the run fails), or an operator cancels it. */
const ENDINGS = [
  ['fails (its sub-workflow step timed out)', (state: RunState): DecideInput => ({ type: 'timerFired', at: at(60), timerId: timeoutOf(state) }), 'failed', 'parent step sub failed (TIMEOUT)'],
  ['is cancelled by an operator', (): DecideInput => ({ type: 'cancel', at: at(60), reason: 'no longer needed', by: 'olga' }), 'cancelled', 'parent step sub was skipped (run_cancelled)'],
] as const;

describe('a parent that ends while its child runs asks the child to cancel, and stays runnable until the child\'s end is recorded', () => {
  for (const [how, ending, status, reason] of ENDINGS) {
    it(`the parent ${how}: cancelChildRun in the final decision, again on every take-over until ChildRunEnded; then nothing`, () => {
      const waiting = applyDecision(emptyRunState('p'), decide(PARENT.workflow, emptyRunState('p'), start, OPTIONS), T0);
      assert.equal(isRunnable(waiting), false, 'a parent waiting for its running child has nothing for a worker');
      const final = decide(PARENT.workflow, waiting, ending(waiting), OPTIONS);
      assert.deepEqual(cancels(final.commands), [{ type: 'cancelChildRun', nodeId: 'sub', childRunId: CHILD_ID, reason }]);
      const ended = applyDecision(waiting, final, at(60));
      assert.equal(ended.status, status);
      assert.equal(isRunnable(ended), true, 'an ended parent owing its child a cancel is work for a worker');
      // The stored history alone (the cancel lost in a crash): a take-over sends it again.
      const resumed = decide(PARENT.workflow, ended, { type: 'resume', at: at(61) }, OPTIONS);
      assert.deepEqual([resumed.events, cancels(resumed.commands)], [[], [{ type: 'cancelChildRun', nodeId: 'sub', childRunId: CHILD_ID, reason }]]);
      const closed = applyDecision(ended, decide(PARENT.workflow, ended, { type: 'childEnded', at: at(62), nodeId: 'sub', childRunId: CHILD_ID, status: 'cancelled' }, OPTIONS), at(62));
      assert.equal(closed.status, status);
      assert.equal(isRunnable(closed), false);
      assert.deepEqual(cancels(decide(PARENT.workflow, closed, { type: 'resume', at: at(63) }, OPTIONS).commands), []);
    });
  }

  it('a step that times out while its child runs asks it to cancel even when a timeout edge carries the run on', () => {
    const routed = parseWorkflowSource(PARENT.text.replace('- { from: sub, to: after }', '- { from: sub, to: after, mode: timeout }'));
    const startRouted = { ...start, contentHash: routed.hash } as DecideInput;
    const waiting = applyDecision(emptyRunState('p'), decide(routed.workflow, emptyRunState('p'), startRouted, OPTIONS), T0);
    const timedOut = decide(routed.workflow, waiting, { type: 'timerFired', at: at(60), timerId: timeoutOf(waiting) }, OPTIONS);
    assert.deepEqual(cancels(timedOut.commands), [{ type: 'cancelChildRun', nodeId: 'sub', childRunId: CHILD_ID, reason: 'parent step sub failed (TIMEOUT)' }]);
    const after = applyDecision(waiting, timedOut, at(60));
    assert.equal(after.steps.sub.status, 'failed');
    assert.notEqual(after.status, 'failed');
  });
});

type Store = RunStore & { close(): Promise<void> };
const STORES: [string, () => Promise<{ store: Store; drop: () => Promise<void> }>][] = [
  ['SQLite', async () => ({ store: await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-ended-parent-')), 'runs.db')), drop: async () => {} })],
  ['PostgreSQL', async () => {
    const schema = await freshTestSchema();
    return { store: await createPostgresStore(TEST_POSTGRES_URL, { schema }), drop: () => dropTestSchema(schema) };
  }],
];
const resolve = async (ref: string) => (ref === 'middle.osop' ? MIDDLE : ref === 'leaf.osop' ? LEAF : undefined);
const eventsOf = async (store: Store, runId: string) => (await store.readEvents(runId)).map((e) => e.data as RunEvent);

for (const [storeName, open] of STORES) {
  describe(`through the runtime on ${storeName}: a parent that ended in a crash before its children's cancels were sent`, () => {
    for (const [how, ending, status, reason] of ENDINGS) {
      it(`the parent ${how}: a worker claims the ended parent and cancels the child and the grandchild; the parent records the child's end and is claimed no more`, async () => {
        const { store, drop } = await open();
        try {
          const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: resolve });
          const runId = await engine.startRun(PARENT, {});
          const childId = `${runId}.sub.1.0`;
          const grandchildId = `${childId}.inner.1.0`;
          assert.deepEqual([(await store.getRun(childId))?.status, (await store.getRun(grandchildId))?.status], ['waiting', 'waiting']);
          // The parent's final decision stored as the run loop would, then a "crash": none of its commands (the cancel) is carried out.
          const before = foldRun(await eventsOf(store, runId), runId);
          const lost = await appendDecisionOnly(store, PARENT, runId, { ...ending(before), at: new Date().toISOString() }, OPTIONS.executorTypes);
          assert.deepEqual(cancels(lost).length, 1, 'the lost decision did order the cancel');
          const row = await store.getRun(runId);
          assert.deepEqual([row?.status, row?.runnable], [status, true]);
          assert.equal((await store.getRun(childId))?.status, 'waiting', 'the child still waits after the crash');

          const successor = createEngine({ store, identity: 'unchecked', owner: 'successor', resolveWorkflowRef: resolve });
          const report = await runWorker({ engine: successor, store, untilIdle: true });
          assert.deepEqual([report.gaveUp, report.errors], [[], []]);
          assert.ok(report.runsHandled >= 1);
          assert.deepEqual([(await store.getRun(childId))?.status, (await store.getRun(grandchildId))?.status], ['cancelled', 'cancelled']);
          assert.deepEqual((await store.listTasks({ runId: grandchildId })).map((t) => t.status), ['cancelled']);
          const childEvents = await eventsOf(store, childId);
          assert.ok(childEvents.some((e) => e.type === 'RunCancelled' && e.reason === reason));
          const parentEvents = await eventsOf(store, runId);
          assert.deepEqual(parentEvents.filter((e) => e.type === 'ChildRunEnded').map((e) => e.type === 'ChildRunEnded' ? [e.childRunId, e.status] : []), [[childId, 'cancelled']]);
          const after = await store.getRun(runId);
          assert.deepEqual([after?.status, after?.runnable], [status, false]);
          assert.deepEqual(await store.listLeases([runId]), [], 'the worker let the ended parent go');
          // Nothing is left to do: another worker claims nothing.
          const again = await runWorker({ engine: createEngine({ store, identity: 'unchecked', owner: 'third' }), store, untilIdle: true });
          assert.equal(again.runsHandled, 0);
          assert.equal((await store.readEvents(runId)).length, parentEvents.length);
        } finally {
          await store.close();
          await drop();
        }
      });
    }
  });
}

describe('through the runtime on SQLite: a parent whose sub-workflow step times out cancels the child at once', () => {
  it('the run fails, the child and grandchild end cancelled, and the parent records the child\'s end', async () => {
    const { store, drop } = await STORES[0][1]();
    try {
      const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: resolve });
      const runId = await engine.startRun(PARENT, {});
      const { state } = await engine.getRun(runId);
      // A worker whose clock is past the step's deadline fires its timer.
      const { createSimulatedClock } = await import('../index.js');
      const late = createSimulatedClock(new Date(Date.now() + 120_000));
      await runWorker({ engine: createEngine({ store, identity: 'unchecked', owner: 'late', clock: late }), store, clock: late, untilIdle: true });
      assert.equal((await store.getRun(runId))?.status, 'failed');
      assert.equal(foldRun(await eventsOf(store, runId), runId).steps.sub.error?.code, 'TIMEOUT');
      const childId = state.steps.sub.children!.started[0];
      assert.deepEqual([(await store.getRun(childId))?.status, (await store.getRun(`${childId}.inner.1.0`))?.status], ['cancelled', 'cancelled']);
      assert.deepEqual((await eventsOf(store, runId)).filter((e) => e.type === 'ChildRunEnded').map((e) => e.type === 'ChildRunEnded' ? e.status : ''), ['cancelled']);
      assert.equal((await store.getRun(runId))?.runnable, false);
    } finally {
      await store.close();
      await drop();
    }
  });
});

describe('through the runtime on SQLite: children an ended parent cannot cancel do not keep workers busy', () => {
  const appendOnly = (store: Store, runId: string, input: DecideInput) => appendDecisionOnly(store, PARENT, runId, input, OPTIONS.executorTypes);

  it('a child whose start was lost (the parent\'s ChildRunStarted stored, then a crash) is recorded as never started once the parent ends', async () => {
    const { store, drop } = await STORES[0][1]();
    try {
      const runId = 'r-lost-start';
      await appendOnly(store, runId, { ...start, runId, at: new Date().toISOString() });
      await appendOnly(store, runId, { type: 'cancel', at: new Date().toISOString(), reason: 'no longer needed' });
      const childId = `${runId}.sub.1.0`;
      assert.equal(await store.getRun(childId), undefined);
      assert.deepEqual([(await store.getRun(runId))?.status, (await store.getRun(runId))?.runnable], ['cancelled', true]);
      const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: resolve });
      await engine.resume(runId);
      const ends = (await eventsOf(store, runId)).filter((e): e is Extract<RunEvent, { type: 'ChildRunEnded' }> => e.type === 'ChildRunEnded');
      assert.deepEqual(ends.map((e) => [e.childRunId, e.status, e.started, e.reason]), [[childId, 'cancelled', false, 'no run was started for it']]);
      assert.equal((await store.getRun(runId))?.runnable, false);
      assert.equal(await store.getRun(childId), undefined, 'the take-over started no child');
    } finally {
      await store.close();
      await drop();
    }
  });

  it('a child that cannot be cancelled (its pinned workflow text was altered): a worker tries 3 times, each failure recorded on the parent, which is then no longer runnable — a second worker process claims nothing', async () => {
    const { store, drop } = await STORES[0][1]();
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-uncancellable-'));
    const file = join(dir, 'runs.db');
    const sqlite = await createSqliteStore(file);
    try {
      const engine = createEngine({ store: sqlite, identity: 'unchecked', resolveWorkflowRef: resolve });
      const runId = await engine.startRun(PARENT, {});
      const childId = `${runId}.sub.1.0`;
      await appendOnly(sqlite, runId, { type: 'cancel', at: new Date().toISOString(), reason: 'no longer needed' });
      const { default: Database } = await import('better-sqlite3');
      const raw = new Database(file);
      raw.prepare("UPDATE workflows SET text = text || '\n# altered' WHERE hash = ?").run(MIDDLE.hash);
      raw.close();
      const report = await runWorker({ engine: createEngine({ store: sqlite, identity: 'unchecked', owner: 'successor' }), store: sqlite, untilIdle: true });
      assert.equal(report.errors.length, 3);
      assert.match(report.errors[2].message, new RegExp(`child run\\(s\\) ${childId.replace(/\./g, '\\.')} could not be cancelled`));
      const failures = (await eventsOf(sqlite, runId)).filter((e) => e.type === 'ChildCancelFailed');
      assert.deepEqual(failures.map((e) => e.type === 'ChildCancelFailed' ? e.childRunId : ''), [childId, childId, childId]);
      assert.deepEqual([(await sqlite.getRun(runId))?.runnable, (await sqlite.getRun(childId))?.status], [false, 'waiting']);
      assert.deepEqual(report.gaveUp, [], 'the parent has nothing left for a worker');
      assert.deepEqual(await sqlite.listLeases([runId]), []);
      // A second worker process: the parent is not claimed again (it was, 3 times per process, forever).
      const second = await runWorker({ engine: createEngine({ store: sqlite, identity: 'unchecked', owner: 'second' }), store: sqlite, untilIdle: true });
      assert.deepEqual([second.runsHandled, second.errors, second.gaveUp], [0, [], []]);
      assert.equal((await eventsOf(sqlite, runId)).filter((e) => e.type === 'ChildCancelFailed').length, 3);
    } finally {
      await sqlite.close();
      await store.close();
      await drop();
    }
  });
});
