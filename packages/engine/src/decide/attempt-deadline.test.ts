import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide, emptyRunState, parseWorkflowSource, type Command, type Decision, type RunEvent, type RunState } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';

const TIMED = parseWorkflowSource(`osop_version: "1.1"
id: timed
name: Timed export
nodes:
  - { id: export, type: cli, timeout_sec: 60, retry_policy: { max_retries: 1, backoff_sec: 5 } }
  - { id: fetch, type: api, timeout_sec: 30, runtime: { method: GET, url: "https://example.com" } }
edges: []
`);
const options = { executorTypes: ['noop', 'cli', 'api'] };

function started(): { state: RunState; decision: Decision } {
  const decision = decide(TIMED.workflow, emptyRunState('r'), { type: 'start', at: T0, runId: 'r', contentHash: TIMED.hash, inputs: {}, seed: 1 }, options);
  return { state: applyDecision(emptyRunState('r'), decision, T0), decision };
}

const deadlineTimers = (state: RunState) => Object.values(state.timers).filter((t) => t.purpose === 'attempt_timeout');
const types = (events: RunEvent[]) => events.map((e) => e.type);
const commandTypes = (commands: Command[]) => commands.map((c) => c.type);

describe('an executing step\'s timeout, decided by decide', () => {
  it('schedules a durable attempt_timeout timer per attempt and puts its due time on executeStep as deadlineAt', () => {
    const { state, decision } = started();
    const run = decision.commands.filter((c) => c.type === 'executeStep');
    assert.deepEqual(run.map((c) => [c.nodeId, c.deadlineAt]), [['export', at(60)], ['fetch', at(30)]]);
    assert.deepEqual(deadlineTimers(state).map((t) => [t.nodeId, t.attempt, t.dueAt]), [['export', 1, at(60)], ['fetch', 1, at(30)]]);
    const scheduled = decision.commands.filter((c) => c.type === 'scheduleTimer').map((c) => c.dueAt);
    assert.deepEqual(scheduled, [at(60), at(30)]);
  });

  it('cancels the timer when the attempt returns, and when a retry is scheduled', () => {
    const { state } = started();
    const done = decide(TIMED.workflow, state, { type: 'stepResult', at: at(1), nodeId: 'fetch', activation: 1, attempt: 1, result: { status: 'completed', output: {} } }, options);
    assert.deepEqual(types(done.events).slice(0, 2), ['StepCompleted', 'TimerCancelled']);
    applyDecision(state, done, at(1));
    const flaky = decide(TIMED.workflow, state, { type: 'stepResult', at: at(2), nodeId: 'export', activation: 1, attempt: 1, result: { status: 'failed', error: { code: 'EXIT_1', message: 'x', retryable: true } } }, options);
    assert.deepEqual(types(flaky.events), ['TimerScheduled', 'StepRetryScheduled', 'TimerCancelled']);
    applyDecision(state, flaky, at(2));
    assert.deepEqual(deadlineTimers(state), []);
  });

  it('a deadline firing on the running attempt aborts it and retries it under the policy; the next attempt gets its own deadline', () => {
    const { state } = started();
    const timerId = deadlineTimers(state).find((t) => t.nodeId === 'export')!.timerId;
    const fired = decide(TIMED.workflow, state, { type: 'timerFired', at: at(60), timerId }, options);
    assert.deepEqual(types(fired.events), ['TimerFired', 'TimerScheduled', 'StepRetryScheduled']);
    assert.deepEqual(fired.commands.find((c) => c.type === 'abortStep'), { type: 'abortStep', nodeId: 'export', attempt: 1, reason: 'TIMEOUT' });
    applyDecision(state, fired, at(60));
    const retryTimer = Object.values(state.timers).find((t) => t.purpose === 'retry')!.timerId;
    const retried = decide(TIMED.workflow, state, { type: 'timerFired', at: at(65), timerId: retryTimer }, options);
    const again = retried.commands.find((c) => c.type === 'executeStep');
    assert.deepEqual(again?.type === 'executeStep' ? [again.attempt, again.deadlineAt] : [], [2, at(125)]);
    applyDecision(state, retried, at(65));
    const second = deadlineTimers(state).find((t) => t.nodeId === 'export')!;
    const late = decide(TIMED.workflow, state, { type: 'timerFired', at: at(125), timerId: second.timerId }, options);
    const failed = late.events.find((e) => e.type === 'StepFailed');
    assert.deepEqual(failed?.type === 'StepFailed' ? [failed.error.code, failed.retryable, failed.attempt] : [], ['TIMEOUT', true, 2]);
  });

  it('a deadline firing after its attempt ended changes nothing but the timer', () => {
    const { state } = started();
    const timerId = deadlineTimers(state).find((t) => t.nodeId === 'fetch')!.timerId;
    // A worker that did not see the cancellation fires the row: the attempt is over, so nothing happens to the step.
    const stale = { ...state, steps: { ...state.steps, fetch: { ...state.steps.fetch, status: 'completed' as const } } };
    const fired = decide(TIMED.workflow, stale, { type: 'timerFired', at: at(30), timerId }, options);
    assert.deepEqual(types(fired.events), ['TimerFired']);
    assert.deepEqual(commandTypes(fired.commands), []);
  });

  it('a lost non-idempotent attempt becomes "did this happen?" and its deadline is cancelled, so the question stays open', () => {
    const { state } = started();
    const resumed = decide(TIMED.workflow, state, { type: 'resume', at: at(10) }, options);
    const exportEvents = resumed.events.filter((e) => 'nodeId' in e && e.nodeId === 'export' || e.type === 'TimerCancelled');
    assert.deepEqual(types(exportEvents).slice(0, 3), ['TaskOpened', 'Escalated', 'TimerCancelled']);
    applyDecision(state, resumed, at(10));
    assert.equal(deadlineTimers(state).some((t) => t.nodeId === 'export'), false);
    assert.equal(Object.values(state.tasks).find((t) => t.nodeId === 'export')?.status, 'open');
  });

  it('an idempotent lost attempt runs again with a new deadline replacing the old one', () => {
    const { state } = started();
    const resumed = decide(TIMED.workflow, state, { type: 'resume', at: at(10) }, options);
    const fetchRun = resumed.commands.find((c) => c.type === 'executeStep' && c.nodeId === 'fetch');
    assert.deepEqual(fetchRun?.type === 'executeStep' ? [fetchRun.attempt, fetchRun.deadlineAt, fetchRun.recovered] : [], [2, at(40), true]);
    applyDecision(state, resumed, at(10));
    assert.deepEqual(deadlineTimers(state).filter((t) => t.nodeId === 'fetch').map((t) => [t.attempt, t.dueAt]), [[2, at(40)]]);
  });
});
