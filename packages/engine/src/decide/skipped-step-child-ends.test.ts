import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import { createEngine, decide, emptyRunState, foldRun, runWorker, type DecideInput, type RunEvent, type RunState } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';
import { appendDecisionOnly, PERSON_CHILD, RACING_PARENT } from '../../test-support/child-run-workflows.js';

const PARENT = RACING_PARENT;
const CHILD = PERSON_CHILD;
const OPTIONS = { executorTypes: ['noop'] };
const CHILD_ID = 'p.sub.1.0';

/** The parent after `inputs`, each decision applied as the run loop stores it. */
function parentAfter(inputs: DecideInput[]): RunState {
  let state = emptyRunState('p');
  for (const input of inputs) state = applyDecision(state, decide(PARENT.workflow, state, input, OPTIONS), input.at);
  return state;
}
const start: DecideInput = { type: 'start', at: T0, runId: 'p', contentHash: PARENT.hash, inputs: {}, seed: 1 };
const childEnded = (status: 'completed' | 'cancelled', sec: number): DecideInput => ({
  type: 'childEnded', at: at(sec), nodeId: 'sub', childRunId: CHILD_ID, status, ...(status === 'completed' ? { output: { answer: 42 } } : {}),
});

describe('the end of a child whose step was skipped is recorded on the parent once, changing nothing else', () => {
  for (const [how, stop, status, runStatus] of [
    ['cancelled by the join\'s cancel (the parent runs on)', { type: 'signal', at: at(1), name: 'go' }, 'cancelled', 'running'],
    ['finished before the cancel reached it (the parent runs on)', { type: 'signal', at: at(1), name: 'go' }, 'completed', 'running'],
    ['cancelled by the parent run\'s cancel (the parent ended)', { type: 'cancel', at: at(1), reason: 'stop' }, 'cancelled', 'cancelled'],
    ['finished before the cancel reached it (the parent ended)', { type: 'cancel', at: at(1), reason: 'stop' }, 'completed', 'cancelled'],
  ] as const) {
    it(`${how}: one ChildRunEnded(${status}); the step stays skipped; re-delivery and a takeover add nothing and ask no cancel`, () => {
      const skipped = parentAfter([start, stop as DecideInput]);
      assert.equal(skipped.steps.sub.status, 'skipped');
      const ended = decide(PARENT.workflow, skipped, childEnded(status, 2), OPTIONS);
      assert.equal(ended.rejected, undefined);
      assert.deepEqual(ended.events, [
        { type: 'ChildRunEnded', at: at(2), nodeId: 'sub', childRunId: CHILD_ID, status, ...(status === 'completed' ? { output: { answer: 42 } } : {}) },
      ]);
      assert.deepEqual(ended.commands, []);
      const after = applyDecision(skipped, ended, at(2));
      assert.equal(after.status, runStatus);
      assert.deepEqual([after.steps.sub.status, after.steps.sub.skipReason, after.steps.sub.output], [skipped.steps.sub.status, skipped.steps.sub.skipReason, undefined]);
      // Delivered again (a crash before the child's notice was known to be stored, a takeover collecting it): nothing more.
      assert.deepEqual(decide(PARENT.workflow, after, childEnded(status, 3), OPTIONS).events, []);
      assert.deepEqual(decide(PARENT.workflow, after, { type: 'resume', at: at(4) }, OPTIONS).commands.filter((c) => c.type === 'cancelChildRun'), []);
    });
  }

  it('an end for a child the step never started, or for a step with no children, is ignored', () => {
    const skipped = parentAfter([start, { type: 'cancel', at: at(1), reason: 'stop' }]);
    assert.deepEqual(decide(PARENT.workflow, skipped, { ...childEnded('cancelled', 2), childRunId: 'p.sub.9.0' } as DecideInput, OPTIONS).events, []);
    assert.deepEqual(decide(PARENT.workflow, skipped, { ...childEnded('cancelled', 2), nodeId: 'go' } as DecideInput, OPTIONS).events, []);
  });
});

/** An engine on a fresh SQLite file whose `workflow_ref` resolves to the person's child workflow. */
async function sqliteEngine() {
  const store = await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-child-ends-')), 'runs.db'));
  const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: async () => CHILD });
  return { store, engine };
}
const parentEvents = async (store: Awaited<ReturnType<typeof sqliteEngine>>['store'], runId: string) => (await store.readEvents(runId)).map((e) => e.data as RunEvent);
const endsOf = (events: RunEvent[]) => events.filter((e) => e.type === 'ChildRunEnded').map((e) => e.type === 'ChildRunEnded' ? [e.childRunId, e.status] : []);

describe('through the engine on SQLite: the parent records the end of its skipped step\'s child', () => {
  for (const [how, stop] of [
    ['the join is won by a signal', (engine: Awaited<ReturnType<typeof sqliteEngine>>['engine'], runId: string) => engine.signal(runId, 'go')],
    ['the parent run is cancelled', (engine: Awaited<ReturnType<typeof sqliteEngine>>['engine'], runId: string) => engine.cancel(runId, 'no longer needed')],
  ] as const) {
    it(`${how}: the child's cancel comes back as one ChildRunEnded(cancelled); resuming the parent asks no cancel and records nothing`, async () => {
      const { store, engine } = await sqliteEngine();
      try {
        const runId = await engine.startRun(PARENT, {});
        const childId = `${runId}.sub.1.0`;
        await stop(engine, runId);
        await engine.settle();
        assert.equal((await store.getRun(childId))?.status, 'cancelled');
        const events = await parentEvents(store, runId);
        assert.deepEqual(endsOf(events), [[childId, 'cancelled']]);
        const state = foldRun(events, runId);
        assert.equal(state.steps.sub.status, 'skipped');
        assert.deepEqual(decide(PARENT.workflow, state, { type: 'resume', at: new Date().toISOString() }).commands.filter((c) => c.type === 'cancelChildRun'), []);
        await engine.resume(runId);
        assert.deepEqual(endsOf(await parentEvents(store, runId)), [[childId, 'cancelled']]);
        assert.equal((await store.getRun(runId))?.runnable, false);
      } finally {
        await store.close();
      }
    });
  }

  it('the child finished before the cancel reached it (the cancel was lost in a crash): its completion is recorded once, the step stays skipped, the parent completes', async () => {
    const { store, engine } = await sqliteEngine();
    try {
      const runId = await engine.startRun(PARENT, {});
      const childId = `${runId}.sub.1.0`;
      // The parent's decision on `go` stored as the run loop would, then a "crash": its cancelChildRun is never carried out.
      const lost = await appendDecisionOnly(store, PARENT, runId, { type: 'signal', at: new Date().toISOString(), name: 'go' }, ['noop']);
      assert.ok(lost.some((c) => c.type === 'cancelChildRun'));
      const [task] = await store.listTasks({ runId: childId });
      await engine.completeTask(task.id, { by: 'sam', data: { answer: 42 } });
      await engine.settle();
      assert.equal((await store.getRun(childId))?.status, 'completed');
      assert.deepEqual(endsOf(await parentEvents(store, runId)), [[childId, 'completed']]);
      const report = await runWorker({ engine: createEngine({ store, identity: 'unchecked', owner: 'successor' }), store, untilIdle: true });
      assert.deepEqual(report.gaveUp, []);
      const events = await parentEvents(store, runId);
      assert.equal((await store.getRun(runId))?.status, 'completed');
      assert.deepEqual(endsOf(events), [[childId, 'completed']]);
      const state = foldRun(events, runId);
      assert.deepEqual([state.steps.sub.status, state.steps.sub.output], ['skipped', undefined]);
      assert.equal(state.steps.done.status, 'completed');
    } finally {
      await store.close();
    }
  });
});
