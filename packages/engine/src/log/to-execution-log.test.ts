import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide, foldRun, parseWorkflowSource, toExecutionLog, type DecideInput, type RunEvent } from '../index.js';
import { at, T0 } from '../../test-support/apply-decision.js';

// `sub` spawns two child runs; `go` races it into a wait_any join. Signalled before `check` ends, `go` wins in the decision that orders the children.
const RACE = parseWorkflowSource(`osop_version: "1.1"
id: log-children
name: Children in the log
nodes:
  - { id: check, type: cli, idempotent: true }
  - { id: sub, type: api }
  - { id: go, type: event, runtime: { event: go } }
  - { id: done, type: system, runtime: { action: noop } }
edges:
  - { from: check, to: sub, mode: spawn, spawn_count: 2 }
  - { from: check, to: go }
  - { from: sub, to: done, join_mode: wait_any }
  - { from: go, to: done, join_mode: wait_any }
`);
const OPTIONS = { executorTypes: ['noop', 'cli', 'api'] };

/** The history after these inputs, as the run loop stores it (a StepStarted for each executeStep). */
function historyOf(inputs: DecideInput[]): RunEvent[] {
  const events: RunEvent[] = [];
  for (const input of inputs) {
    const decision = decide(RACE.workflow, foldRun(events, 'r'), input, OPTIONS);
    assert.equal(decision.rejected, undefined, decision.rejected?.message);
    events.push(...decision.events);
    for (const cmd of decision.commands) if (cmd.type === 'executeStep') events.push({ type: 'StepStarted', at: input.at, nodeId: cmd.nodeId, activation: cmd.activation, attempt: cmd.attempt });
  }
  return events;
}

const start: DecideInput = { type: 'start', at: T0, runId: 'r', contentHash: RACE.hash, inputs: {}, seed: 1 };
const checked: DecideInput = { type: 'stepResult', at: at(2), nodeId: 'check', activation: 1, attempt: 1, result: { status: 'completed', output: {} } };
const childRunsOf = (events: RunEvent[]) => toExecutionLog(foldRun(events, 'r'), events, RACE.workflow).node_records?.find((r) => r.node_id === 'sub')?.child_runs;

describe('the .osoplog lists a step\'s child runs with what the parent knows of them', () => {
  it('children never started (their step cancelled in the decision that ordered them) are CANCELLED with started: false', () => {
    const events = historyOf([start, { type: 'signal', at: at(1), name: 'go' }, checked]);
    assert.deepEqual(childRunsOf(events), [
      { run_id: 'r.sub.1.0', status: 'CANCELLED', started: false },
      { run_id: 'r.sub.1.1', status: 'CANCELLED', started: false },
    ]);
  });

  it('children that ran carry the end the parent recorded, and none while they run; none is marked not started', () => {
    const running = historyOf([start, checked]);
    assert.deepEqual(childRunsOf(running), [{ run_id: 'r.sub.1.0' }, { run_id: 'r.sub.1.1' }]);
    const ended = historyOf([start, checked,
      { type: 'childEnded', at: at(3), nodeId: 'sub', childRunId: 'r.sub.1.1', status: 'failed' },
      { type: 'childEnded', at: at(4), nodeId: 'sub', childRunId: 'r.sub.1.0', status: 'completed', output: {} }]);
    assert.deepEqual(childRunsOf(ended), [{ run_id: 'r.sub.1.0', status: 'COMPLETED' }, { run_id: 'r.sub.1.1', status: 'FAILED' }]);
  });
});
