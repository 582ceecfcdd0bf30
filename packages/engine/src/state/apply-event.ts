import type { RunEvent } from '../events/run-event.js';
import { assertNever } from '../assert-never.js';
import type { RunState, StepState } from './run-state.js';
import { deriveRunStatus } from './derive-run-status.js';

/**
 * Applies one event to `state` in place (callers own the object: `foldRun` builds a fresh one,
 * `decide` works on a clone). Nested arrays are replaced, never pushed into, so shallow clones stay safe.
 */
export function applyEvent(state: RunState, event: RunEvent): void {
  state.version += 1;
  switch (event.type) {
    case 'RunStarted':
      state.runId = event.runId;
      state.workflowId = event.workflowId;
      state.contentHash = event.contentHash;
      state.inputs = event.inputs;
      state.seed = event.seed;
      state.depth = event.depth;
      state.startedAt = event.at;
      if (event.parentRunId !== undefined) state.parentRunId = event.parentRunId;
      if (event.parentNodeId !== undefined) state.parentNodeId = event.parentNodeId;
      if (event.executorTypes !== undefined) state.executorTypes = event.executorTypes;
      state.status = 'running';
      return;
    case 'StepScheduled': {
      const step: StepState = {
        nodeId: event.nodeId, activation: event.activation, status: 'ready', attempt: 0, input: event.input,
        authorised: false, scheduledAt: event.at, scheduledVersion: state.version, next: [], escalations: [],
      };
      if (event.waitFor !== undefined) {
        step.status = 'waiting';
        step.waitingOn = 'signal';
        step.signal = event.waitFor;
      }
      if (event.item !== undefined) step.item = event.item;
      if (event.compensation === true) step.compensation = true;
      state.steps[event.nodeId] = step;
      break;
    }
    case 'StepStarted': {
      const step = ownStep(state, event.nodeId);
      if (event.shadow === true) {
        step.shadow = { done: false };
        break;
      }
      step.status = 'running';
      step.waitingOn = undefined;
      step.attempt = event.attempt;
      step.authorised = true;
      step.startedAt ??= event.at;
      break;
    }
    case 'StepCompleted': {
      const step = ownStep(state, event.nodeId);
      step.status = 'completed';
      step.waitingOn = undefined;
      step.output = event.output;
      step.next = event.next;
      step.endedAt = event.at;
      step.error = undefined;
      step.proposal = undefined;
      step.endedVersion = state.version;
      for (const key of event.loopsTaken ?? []) state.loopCounts = { ...state.loopCounts, [key]: (state.loopCounts[key] ?? 0) + 1 };
      if (event.forEachStarted !== undefined) {
        state.forEach = { ...state.forEach, [event.forEachStarted.key]: { items: event.forEachStarted.items, index: 0, outputs: [] } };
      }
      if (event.forEachIteration !== undefined) {
        const loop = state.forEach[event.forEachIteration];
        state.forEach = { ...state.forEach, [event.forEachIteration]: { ...loop, index: loop.index + 1, outputs: [...loop.outputs, event.output] } };
      }
      if (step.compensation === true) popCompensation(state, event.nodeId);
      if (event.confidence !== undefined) step.confidence = event.confidence;
      if (event.usage !== undefined) step.usage = event.usage;
      if (event.toolCalls !== undefined) step.toolCalls = event.toolCalls;
      if (event.by !== undefined) step.by = event.by;
      if (event.shadow !== undefined) {
        step.agreement = event.shadow.agreement;
        step.shadow = { ...step.shadow, output: event.shadow.output, done: true };
      }
      state.completionOrder = [...state.completionOrder.filter((id) => id !== event.nodeId), event.nodeId];
      break;
    }
    case 'StepFailed': {
      const step = ownStep(state, event.nodeId);
      step.status = 'failed';
      step.waitingOn = undefined;
      step.error = event.error;
      step.next = event.next;
      step.endedAt = event.at;
      step.endedVersion = state.version;
      if (event.toolCalls !== undefined) step.toolCalls = event.toolCalls;
      if (step.compensation === true) popCompensation(state, event.nodeId);
      break;
    }
    case 'StepSkipped': {
      const existing = state.steps[event.nodeId];
      state.steps[event.nodeId] = {
        ...(existing ?? { nodeId: event.nodeId, attempt: 0, input: {}, authorised: false, scheduledAt: event.at, scheduledVersion: state.version, escalations: [] }),
        activation: event.activation, status: 'skipped', waitingOn: undefined, next: [], skipReason: event.reason, endedAt: event.at,
        endedVersion: state.version,
      };
      break;
    }
    case 'StepRetryScheduled': {
      const step = ownStep(state, event.nodeId);
      step.status = 'waiting';
      step.waitingOn = 'retry';
      step.retryTimerId = event.timerId;
      break;
    }
    case 'ShadowCompleted': {
      const step = ownStep(state, event.nodeId);
      step.shadow = { output: event.output, confidence: event.confidence, error: event.error, done: true };
      break;
    }
    case 'TimerScheduled':
      state.timers = {
        ...state.timers,
        [event.timerId]: {
          timerId: event.timerId, dueAt: event.dueAt, purpose: event.purpose, nodeId: event.nodeId, activation: event.activation,
          ...(event.attempt === undefined ? {} : { attempt: event.attempt }),
        },
      };
      if (event.purpose === 'timeout' || event.purpose === 'task_due') ownStep(state, event.nodeId).timeoutTimerId = event.timerId;
      break;
    case 'TimerFired':
    case 'TimerCancelled': {
      const timer = state.timers[event.timerId];
      const step = timer === undefined || state.steps[timer.nodeId] === undefined ? undefined : ownStep(state, timer.nodeId);
      if (event.type === 'TimerFired' && timer?.purpose === 'retry' && step?.waitingOn === 'retry') {
        step.status = 'ready';
        step.waitingOn = undefined;
        step.retryTimerId = undefined;
      }
      if (step !== undefined && step.timeoutTimerId === event.timerId) step.timeoutTimerId = undefined;
      const timers = { ...state.timers };
      delete timers[event.timerId];
      state.timers = timers;
      break;
    }
    case 'TaskOpened': {
      const { type: _type, at, ...task } = event;
      state.tasks[event.taskId] = { ...task, openedAt: at, status: 'open' };
      const step = ownStep(state, event.nodeId);
      step.status = 'waiting';
      step.waitingOn = 'task';
      step.taskId = event.taskId;
      if (event.proposal !== undefined) step.proposal = { output: event.proposal, ...(event.proposalMeta ?? {}) };
      break;
    }
    case 'TaskCompleted': {
      const task = state.tasks[event.taskId];
      state.tasks[event.taskId] = {
        ...task, status: 'completed', completedAt: event.at, completedBy: event.by, decision: event.decision,
        ...(event.data === undefined ? {} : { data: event.data }), ...(event.reason === undefined ? {} : { reason: event.reason }),
      };
      const step = ownStep(state, event.nodeId);
      step.by = event.by;
      step.decision = event.decision;
      if (event.reason !== undefined) step.decisionReason = event.reason;
      if (event.decision === 'approved' && (task.phase === 'auth' || task.phase === 'work_approval')) step.authorised = true;
      if (step.status === 'waiting' && step.waitingOn === 'task') {
        step.status = 'ready';
        step.waitingOn = undefined;
      }
      break;
    }
    case 'TaskCancelled':
      state.tasks[event.taskId] = { ...state.tasks[event.taskId], status: 'cancelled', reason: event.reason, completedAt: event.at };
      break;
    case 'Escalated': {
      const step = ownStep(state, event.nodeId);
      if (step !== undefined) step.escalations = [...step.escalations, event.reason];
      if (event.taskId !== undefined && state.tasks[event.taskId] !== undefined) state.tasks[event.taskId] = { ...state.tasks[event.taskId], reason: event.reason };
      break;
    }
    case 'SignalReceived': {
      if (event.consumedBy === undefined) {
        state.bufferedSignals = [...state.bufferedSignals, { name: event.name, payload: event.payload }];
      } else {
        state.bufferedSignals = removeFirst(state.bufferedSignals, event.name);
      }
      break;
    }
    case 'ChildRunStarted': {
      const step = ownStep(state, event.nodeId);
      const children = step.children ?? { expected: 0, ended: [], started: [] };
      step.children = { ...children, expected: children.expected + 1, started: [...children.started, event.childRunId] };
      step.status = 'waiting';
      step.waitingOn = 'children';
      step.startedAt ??= event.at;
      break;
    }
    case 'ChildRunEnded': {
      const step = ownStep(state, event.nodeId);
      const children = step.children ?? { expected: 0, ended: [], started: [] };
      const end = {
        childRunId: event.childRunId, status: event.status, ...(event.output === undefined ? {} : { output: event.output }),
        ...(event.started === false ? { started: false as const } : {}), ...(event.reason === undefined ? {} : { reason: event.reason }),
      };
      step.children = { ...children, ended: [...children.ended, end] };
      break;
    }
    case 'ChildCancelFailed': {
      const step = ownStep(state, event.nodeId);
      const children = step.children ?? { expected: 0, ended: [], started: [] };
      const failed = children.cancelsFailed ?? {};
      step.children = { ...children, cancelsFailed: { ...failed, [event.childRunId]: (failed[event.childRunId] ?? 0) + 1 } };
      break;
    }
    case 'CompensationStarted':
      state.compensation = { queue: event.nodes, cause: event.cause };
      break;
    case 'RunCompleted':
      state.output = event.output;
      state.endedAt = event.at;
      state.status = 'completed';
      return;
    case 'RunFailed':
      state.error = event.error;
      state.endedAt = event.at;
      state.status = 'failed';
      return;
    case 'RunCancelled':
      state.endedAt = event.at;
      state.status = 'cancelled';
      state.error = { code: 'CANCELLED', message: event.reason };
      return;
    default:
      assertNever(event);
  }
  if (state.status === 'running' || state.status === 'waiting') state.status = deriveRunStatus(state);
}

/** Copy-on-write: replaces the step with a copy before it is changed, so shallow clones of the state stay untouched. */
function ownStep(state: RunState, nodeId: string): StepState {
  const step = state.steps[nodeId];
  if (step === undefined) return step;
  const copy = { ...step };
  state.steps[nodeId] = copy;
  return copy;
}

function popCompensation(state: RunState, nodeId: string): void {
  if (state.compensation === undefined || state.compensation.queue[0] !== nodeId) return;
  state.compensation = { ...state.compensation, queue: state.compensation.queue.slice(1) };
}

function removeFirst(signals: RunState['bufferedSignals'], name: string): RunState['bufferedSignals'] {
  const index = signals.findIndex((s) => s.name === name);
  return index < 0 ? signals : [...signals.slice(0, index), ...signals.slice(index + 1)];
}
