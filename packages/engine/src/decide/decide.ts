import type { Workflow } from '@sopflow/format';
import { assertNever } from '../assert-never.js';
import { cloneRunState, runHasEnded, type RunState } from '../state/run-state.js';
import type { DecideInput, DecideOptions, Decision } from './decide-input.js';
import { emit, follow, type DecisionContext } from './decision-context.js';
import { DEFAULT_MAX_WORK_ITEMS, drainWorkQueue } from './drain-work-queue.js';
import { childCancels } from './child-cancels.js';
import { abandonedChildren } from '../state/abandoned-children.js';
import { cancelRun } from './finish-run.js';
import { handleStepResult } from './finish-step.js';
import { handleChildEnded, handleResume, handleSignal, handleTaskCompleted, handleTimerFired } from './handle-waits.js';
import { indexWorkflow } from './workflow-index.js';

const DEFAULT_OPTIONS: DecideOptions = { executorTypes: ['noop'] };

/**
 * Pure: what happens to a run given its workflow, its state and one input. Returns the events to
 * append and the commands to carry out; never does IO and never changes `state`. The input's
 * handler queues work items; one loop runs them (see drainWorkQueue).
 * @example const { events, commands } = decide(workflow, foldRun(history), { type: 'signal', at, name: 'paid' });
 */
export function decide(workflow: Workflow, state: RunState, input: DecideInput, options: DecideOptions = DEFAULT_OPTIONS): Decision {
  const finished = runHasEnded(state);
  if (input.type !== 'start' && state.version === 0) return reject('unknown_run', `run ${state.runId} has not started`);
  if (input.type === 'start' && state.version > 0) return reject('already_started', `run ${state.runId} already exists`);
  const childInput = input.type === 'childEnded' || input.type === 'childCancelFailed';
  if (finished && input.type !== 'stepResult' && input.type !== 'timerFired' && !childInput && input.type !== 'resume') {
    return reject('run_finished', `run ${state.runId} is already ${state.status}`);
  }
  // An ended run records nothing more but its children's ends; a takeover still asks again the children it left running.
  if (finished && !childInput) return { events: [], commands: input.type === 'resume' ? childCancels(state) : [] };
  const ctx: DecisionContext = {
    index: indexWorkflow(workflow), state: cloneRunState(state), at: input.at, options, executorTypes: state.executorTypes ?? options.executorTypes,
    events: [], commands: [], startVersion: state.version, followUps: [],
  };
  switch (input.type) {
    case 'start': {
      emit(ctx, {
        type: 'RunStarted', runId: input.runId, workflowId: workflow.id, contentHash: input.contentHash, inputs: input.inputs, seed: input.seed,
        depth: input.depth ?? 0,
        ...(input.parentRunId === undefined ? {} : { parentRunId: input.parentRunId }),
        ...(input.parentNodeId === undefined ? {} : { parentNodeId: input.parentNodeId }),
        executorTypes: [...new Set(input.executorTypes ?? options.executorTypes)].sort(),
      });
      ctx.executorTypes = ctx.state.executorTypes ?? options.executorTypes;
      for (const entry of ctx.index.entries) follow(ctx, { type: 'activate', nodeId: entry });
      follow(ctx, { type: 'checkRunDone' });
      break;
    }
    case 'stepResult': {
      const step = ctx.state.steps[input.nodeId];
      if (step === undefined || step.activation !== input.activation) break;
      if (input.shadow === true) {
        if (step.shadow === undefined || step.shadow.done) break;
        const r = input.result;
        emit(ctx, {
          type: 'ShadowCompleted', nodeId: input.nodeId, activation: input.activation,
          ...(r.status === 'completed' ? { output: r.output, ...(r.confidence === undefined ? {} : { confidence: r.confidence }) } : {}),
          ...(r.status === 'failed' ? { error: { code: r.error.code, message: r.error.message } } : {}),
          ...(r.status === 'escalated' ? { error: { code: r.reason, message: r.message } } : {}),
        });
        break;
      }
      if (step.status !== 'running' || step.attempt !== input.attempt) break;
      handleStepResult(ctx, input.nodeId, input.result);
      break;
    }
    case 'timerFired':
      handleTimerFired(ctx, input.timerId);
      break;
    case 'taskCompleted': {
      const outcome = handleTaskCompleted(ctx, input);
      if (outcome !== undefined) return reject(outcome.code, outcome.message);
      break;
    }
    case 'signal':
      handleSignal(ctx, input.name, input.payload);
      break;
    case 'childEnded':
      handleChildEnded(ctx, input);
      break;
    case 'childCancelFailed':
      if (abandonedChildren(ctx.state).some((c) => c.childRunId === input.childRunId)) {
        emit(ctx, { type: 'ChildCancelFailed', nodeId: input.nodeId, childRunId: input.childRunId, reason: input.reason });
      }
      break;
    case 'cancel':
      cancelRun(ctx, input.reason, input.by);
      break;
    case 'resume':
      handleResume(ctx);
      break;
    default:
      assertNever(input);
  }
  const limit = options.maxWorkItems ?? DEFAULT_MAX_WORK_ITEMS;
  if (!drainWorkQueue(ctx, limit)) {
    return reject('runaway_decision', `deciding ${input.type} for run ${state.runId} ran more than ${limit} work items without settling; nothing was recorded`);
  }
  return { events: ctx.events, commands: ctx.commands, state: ctx.state };
}

function reject(code: string, message: string): Decision {
  return { events: [], commands: [], rejected: { code, message } };
}
