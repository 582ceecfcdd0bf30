import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decide, emptyRunState, parseWorkflowSource } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';

const GATED = parseWorkflowSource(`osop_version: "1.1"
id: gated
name: Gated release
nodes:
  - { id: deploy, type: cli, approval_gate: { required: true, approver_role: release-manager, timeout_hours: 1 }, runtime: { command: [deploy] } }
edges: []
`);
const options = { executorTypes: ['noop', 'cli'] };

describe('an approval gate\'s timeout_hours', () => {
  it('bounds only the wait for the approval: once approved, the step runs past the gate\'s deadline without failing', () => {
    const state = applyDecision(emptyRunState('r'), decide(GATED.workflow, emptyRunState('r'), { type: 'start', at: T0, runId: 'r', contentHash: GATED.hash, inputs: {}, seed: 1 }, options), T0);
    const gateTimer = Object.values(state.timers).find((t) => t.purpose === 'timeout');
    assert.ok(gateTimer, 'the gate schedules a timeout for the approval wait');
    const task = Object.values(state.tasks).find((t) => t.status === 'open')!;
    const approved = decide(GATED.workflow, state, { type: 'taskCompleted', at: at(60), taskId: task.taskId, by: 'rita', decision: 'approved' }, options);
    assert.ok(approved.events.some((e) => e.type === 'TimerCancelled' && e.timerId === gateTimer.timerId), 'approving cancels the wait\'s timeout');
    applyDecision(state, approved, at(60));
    assert.equal(state.steps.deploy.status, 'running');
    // The deploy is still running when the hour the gate allowed for the approval is over.
    const late = decide(GATED.workflow, state, { type: 'timerFired', at: at(3600), timerId: gateTimer.timerId }, options);
    assert.deepEqual(late.events, []);
    assert.ok(!late.commands.some((c) => c.type === 'abortStep'));
  });

  it('still fails the step with TIMEOUT when nobody approves within the hour', () => {
    const state = applyDecision(emptyRunState('r'), decide(GATED.workflow, emptyRunState('r'), { type: 'start', at: T0, runId: 'r', contentHash: GATED.hash, inputs: {}, seed: 1 }, options), T0);
    const gateTimer = Object.values(state.timers).find((t) => t.purpose === 'timeout')!;
    const fired = decide(GATED.workflow, state, { type: 'timerFired', at: at(3600), timerId: gateTimer.timerId }, options);
    const failed = fired.events.find((e) => e.type === 'StepFailed');
    assert.equal(failed?.type === 'StepFailed' ? failed.error.code : undefined, 'TIMEOUT');
  });
});
