import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '@sopflow/store';
import { createEngine, decide, emptyRunState, foldRun, parseWorkflowSource, type RunEvent, type StepExecutor } from '../index.js';
import { applyDecision, at, T0 } from '../../test-support/apply-decision.js';

// `charge` (a cli step, so not idempotent) races the `go` signal into a wait_any join; a signal sent early wins in the same decision.
const RACE = parseWorkflowSource(`osop_version: "1.1"
id: race
name: Charge unless told to go on
nodes:
  - { id: check, type: cli, idempotent: true }
  - { id: charge, type: cli, name: Charge the card }
  - { id: go, type: event, runtime: { event: go } }
  - { id: done, type: system, runtime: { action: noop } }
edges:
  - { from: check, to: charge }
  - { from: check, to: go }
  - { from: charge, to: done, join_mode: wait_any }
  - { from: go, to: done, join_mode: wait_any }
`);

const OPTIONS = { executorTypes: ['noop', 'cli'] };
const didItHappen = (events: readonly RunEvent[]) => events.filter((e) => e.type === 'TaskOpened' && e.kind === 'did-this-happen');

describe('resume asks "did this happen?" only of a step with a StepStarted and no result', () => {
  it('a step a wait_any join cancels in the decision that scheduled it is not ordered to start, stays skipped, and a takeover asks nothing about it', () => {
    let state = applyDecision(emptyRunState('r'), decide(RACE.workflow, emptyRunState('r'), { type: 'start', at: T0, runId: 'r', contentHash: RACE.hash, inputs: {}, seed: 1 }, OPTIONS), T0);
    state = applyDecision(state, decide(RACE.workflow, state, { type: 'signal', at: at(1), name: 'go' }, OPTIONS), at(1));
    const checked = decide(RACE.workflow, state, { type: 'stepResult', at: at(2), nodeId: 'check', activation: 1, attempt: 1, result: { status: 'completed', output: {} } }, OPTIONS);
    assert.ok(checked.events.some((e) => e.type === 'StepSkipped' && e.nodeId === 'charge' && e.reason === 'cancelled_by_join'));
    assert.deepEqual(checked.commands.filter((c) => c.type === 'executeStep').map((c) => c.nodeId), ['done']);
    // The run loop writes StepStarted for each executeStep command: none for `charge`.
    state = applyDecision(state, checked, at(2));
    assert.equal(state.steps.charge.status, 'skipped');
    const resumed = decide(RACE.workflow, state, { type: 'resume', at: at(3) }, OPTIONS);
    assert.deepEqual(didItHappen(resumed.events), []);
    assert.deepEqual(resumed.commands.filter((c) => c.type === 'executeStep').map((c) => c.nodeId), ['done']);
  });

  it('through the engine: the cancelled step never runs, the run completes, and its history has no StepStarted for it', async () => {
    const store = createMemoryStore();
    const ran: string[] = [];
    const cli: StepExecutor = { handles: ['cli'], execute: async (request) => { ran.push(request.node.id); return { status: 'completed', output: {} }; } };
    const engine = createEngine({ store, executors: [cli], identity: 'unchecked' });
    const runId = await engine.startRun(RACE, {}, { detach: true });
    await engine.signal(runId, 'go');
    await engine.resume(runId);
    const events = (await store.readEvents(runId)).map((e) => e.data as RunEvent);
    assert.deepEqual(ran, ['check']);
    assert.equal(events.filter((e) => e.type === 'StepStarted' && e.nodeId === 'charge').length, 0);
    assert.equal((await store.getRun(runId))?.status, 'completed');
    assert.deepEqual(didItHappen(events), []);
  });

  it('a started, non-idempotent step that an earlier step of the same resume ended (the run failed) is not asked about', () => {
    const NESTED = parseWorkflowSource(`osop_version: "1.1"
id: nested
name: Sub-process beside a payment
nodes:
  - { id: sub, type: system, workflow_ref: child.osop }
  - { id: pay, type: cli, name: Pay }
`);
    // Recorded by a run loop allowing deeper nesting: `sub` ready (never started), `pay` started with no result.
    const events: RunEvent[] = [
      { type: 'RunStarted', at: T0, runId: 'n', workflowId: 'nested', contentHash: NESTED.hash, inputs: {}, seed: 1, depth: 0, executorTypes: ['cli', 'noop'] },
      { type: 'StepScheduled', at: T0, nodeId: 'sub', activation: 1, input: {} },
      { type: 'StepScheduled', at: T0, nodeId: 'pay', activation: 1, input: {} },
      { type: 'StepStarted', at: T0, nodeId: 'pay', activation: 1, attempt: 1 },
    ];
    // This resume refuses the nesting: `sub` fails, the run fails and `pay` is cancelled before its own turn comes.
    const resumed = decide(NESTED.workflow, foldRun(events, 'n'), { type: 'resume', at: at(5) }, { ...OPTIONS, maxDepth: 0 });
    assert.ok(resumed.events.some((e) => e.type === 'StepSkipped' && e.nodeId === 'pay' && e.reason === 'run_cancelled'));
    assert.ok(resumed.events.some((e) => e.type === 'RunFailed'));
    assert.deepEqual(didItHappen(resumed.events), []);
    assert.equal(resumed.state?.steps.pay.status, 'skipped');
  });
});
