import type { Workflow } from '@sopflow/format';
import { assertNever } from '../assert-never.js';
import { cloneRunState, type RunState } from '../state/run-state.js';
import { activateNode } from './activate-step.js';
import type { DecideInput, DecideOptions, Decision } from './decide-input.js';
import { emit, type DecisionContext } from './decision-context.js';
import { completeRunIfDone, cancelRun } from './finish-run.js';
import { completeStep, failStep, handleStepResult } from './finish-step.js';
import { handleResume, handleTaskCompleted, handleTimerFired } from './handle-waits.js';
import { signalOutput } from './activate-step.js';
import { indexWorkflow } from './workflow-index.js';

const DEFAULT_OPTIONS: DecideOptions = { executorTypes: ['noop'] };

/**
 * Pure: what happens to a run given its workflow, its state and one input. Returns the events to
 * append and the commands to carry out; never does IO and never changes `state`.
 * @example const { events, commands } = decide(workflow, foldRun(history), { type: 'signal', at, name: 'paid' });
 */
export function decide(workflow: Workflow, state: RunState, input: DecideInput, options: DecideOptions = DEFAULT_OPTIONS): Decision {
  const finished = state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled';
  if (input.type !== 'start' && state.version === 0) return reject('unknown_run', `run ${state.runId} has not started`);
  if (input.type === 'start' && state.version > 0) return reject('already_started', `run ${state.runId} already exists`);
  if (finished && input.type !== 'stepResult' && input.type !== 'timerFired' && input.type !== 'childEnded' && input.type !== 'resume') {
    return reject('run_finished', `run ${state.runId} is already ${state.status}`);
  }
  if (finished) return { events: [], commands: [] };
  const ctx: DecisionContext = {
    index: indexWorkflow(workflow), state: cloneRunState(state), at: input.at, options, events: [], commands: [], startVersion: state.version,
  };
  switch (input.type) {
    case 'start': {
      emit(ctx, {
        type: 'RunStarted', runId: input.runId, workflowId: workflow.id, contentHash: input.contentHash, inputs: input.inputs, seed: input.seed,
        depth: input.depth ?? 0,
        ...(input.parentRunId === undefined ? {} : { parentRunId: input.parentRunId }),
        ...(input.parentNodeId === undefined ? {} : { parentNodeId: input.parentNodeId }),
      });
      for (const entry of ctx.index.entries) activateNode(ctx, entry);
      completeRunIfDone(ctx);
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
    case 'signal': {
      emitSignal(ctx, input.name, input.payload);
      break;
    }
    case 'childEnded': {
      const step = ctx.state.steps[input.nodeId];
      if (step?.waitingOn !== 'children' || !(step.children?.started.includes(input.childRunId) ?? false)) break;
      if (step.children?.ended.some((c) => c.childRunId === input.childRunId)) break;
      emit(ctx, { type: 'ChildRunEnded', nodeId: input.nodeId, childRunId: input.childRunId, status: input.status, ...(input.output === undefined ? {} : { output: input.output }) });
      const children = ctx.state.steps[input.nodeId].children!;
      if (children.ended.length < children.expected) break;
      const failed = children.ended.find((c) => c.status !== 'completed');
      if (failed !== undefined) {
        failStep(ctx, input.nodeId, { code: 'CHILD_FAILED', message: `child run ${failed.childRunId} ${failed.status}` }, false);
      } else {
        const output = children.expected === 1 ? { ...(children.ended[0].output ?? {}) } : { children: children.ended.map((c) => c.output ?? {}) };
        completeStep(ctx, input.nodeId, output, {});
      }
      break;
    }
    case 'cancel':
      cancelRun(ctx, input.reason, input.by);
      break;
    case 'resume':
      handleResume(ctx);
      break;
    default:
      assertNever(input);
  }
  return { events: ctx.events, commands: ctx.commands, state: ctx.state };
}

function emitSignal(ctx: DecisionContext, name: string, payload: unknown): void {
  const waiting = Object.values(ctx.state.steps).find((s) => s.status === 'waiting' && s.waitingOn === 'signal' && s.signal === name);
  if (waiting === undefined) {
    emit(ctx, { type: 'SignalReceived', name, ...(payload === undefined ? {} : { payload }) });
    return;
  }
  emit(ctx, { type: 'SignalReceived', name, ...(payload === undefined ? {} : { payload }), consumedBy: waiting.nodeId });
  completeStep(ctx, waiting.nodeId, signalOutput(name, payload), {});
}

function reject(code: string, message: string): Decision {
  return { events: [], commands: [], rejected: { code, message } };
}
