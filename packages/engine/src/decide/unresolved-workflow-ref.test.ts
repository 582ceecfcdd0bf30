import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore } from '@sopflow/store';
import { createEngine, decide, emptyRunState, parseWorkflowSource, toExecutionLog, type RunEvent } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';

// `sub` runs the workflow `missing.osop` names as a child run; the test's resolver never finds it.
const PARENT = parseWorkflowSource(`osop_version: "1.1"
id: unresolved-child
name: A sub-process whose workflow is gone
nodes:
  - { id: sub, type: system, workflow_ref: missing.osop }
  - { id: after, type: system, runtime: { action: noop } }
edges:
  - { from: sub, to: after }
`);
const OPTIONS = { executorTypes: ['noop'] };
const CHILD_ID = 'p.sub.1.0';

describe('a child run whose workflow_ref cannot be resolved is recorded as never started, with the reason', () => {
  it('decide: the childEnded input\'s started: false and reason are kept on ChildRunEnded, and the step fails naming them', () => {
    const start = { type: 'start', at: T0, runId: 'p', contentHash: PARENT.hash, inputs: {}, seed: 1 } as const;
    const state = applyDecision(emptyRunState('p'), decide(PARENT.workflow, emptyRunState('p'), start, OPTIONS), T0);
    const ended = decide(PARENT.workflow, state, {
      type: 'childEnded', at: at(1), nodeId: 'sub', childRunId: CHILD_ID, status: 'failed', started: false, reason: 'cannot find workflow missing.osop',
    }, OPTIONS);
    assert.deepEqual(ended.events.find((e) => e.type === 'ChildRunEnded'), {
      type: 'ChildRunEnded', at: at(1), nodeId: 'sub', childRunId: CHILD_ID, status: 'failed', started: false, reason: 'cannot find workflow missing.osop',
    });
    const failed = ended.events.find((e) => e.type === 'StepFailed');
    assert.equal(failed?.type === 'StepFailed' ? failed.error.message : undefined, `child run ${CHILD_ID} was never started: cannot find workflow missing.osop`);
  });

  it('through the engine on SQLite: no child run row, the parent\'s ChildRunEnded says started: false, and the .osoplog names the ref', async () => {
    const store = await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-unresolved-ref-')), 'runs.db'));
    try {
      const asked: string[] = [];
      const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: async (ref) => { asked.push(ref); return undefined; } });
      const runId = await engine.startRun(PARENT, {});
      assert.deepEqual(asked, ['missing.osop']);
      const { state, events, source } = await engine.getRun(runId);
      assert.equal(state.status, 'failed');
      const childId = `${runId}.sub.1.0`;
      assert.equal(await store.getRun(childId), undefined);
      const end = events.find((e): e is Extract<RunEvent, { type: 'ChildRunEnded' }> => e.type === 'ChildRunEnded');
      assert.equal(end?.started, false);
      assert.equal(end?.reason, 'cannot find workflow missing.osop');
      const record = toExecutionLog(state, events, source.workflow).node_records?.find((r) => r.node_id === 'sub');
      assert.deepEqual(record?.child_runs, [{ run_id: childId, status: 'FAILED', started: false, reason: 'cannot find workflow missing.osop' }]);
      assert.equal((record?.error as { message?: string } | undefined)?.message, `child run ${childId} was never started: cannot find workflow missing.osop`);
    } finally {
      await store.close();
    }
  });

  it('through the engine on SQLite: a resolver that throws gives its message as the reason', async () => {
    const store = await createSqliteStore(join(mkdtempSync(join(tmpdir(), 'sopflow-unresolved-ref-')), 'runs.db'));
    try {
      const engine = createEngine({ store, identity: 'unchecked', resolveWorkflowRef: async () => { throw new Error('ENOENT: no such file missing.osop'); } });
      const runId = await engine.startRun(PARENT, {});
      const { events } = await engine.getRun(runId);
      const end = events.find((e): e is Extract<RunEvent, { type: 'ChildRunEnded' }> => e.type === 'ChildRunEnded');
      assert.deepEqual([end?.status, end?.started, end?.reason], ['failed', false, 'cannot load workflow missing.osop: ENOENT: no such file missing.osop']);
    } finally {
      await store.close();
    }
  });
});
