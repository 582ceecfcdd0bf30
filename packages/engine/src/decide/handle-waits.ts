import { isDeepStrictEqual } from 'node:util';
import { unendedChildren, waitsForChildren } from '../state/abandoned-children.js';
import { childCancels } from './child-cancels.js';
import type { DecideInput } from './decide-input.js';
import { after, command, emit, follow, isActive, nodeOf, type DecisionContext } from './decision-context.js';
import { openTask } from './open-task.js';
import { signalOutput } from './signal-output.js';
import { isIdempotent } from './step-policy.js';
import { cancelAttemptDeadline, cancelWaitTimeout } from './step-timers.js';
import type { WorkItem } from './work-item.js';

/**
 * A due timer: a retry starts the next attempt; a timeout fails a waiting step with TIMEOUT; an
 * attempt's deadline aborts that attempt if it still runs (a retryable TIMEOUT); a due date escalates.
 */
export function handleTimerFired(ctx: DecisionContext, timerId: string): void {
  const timer = ctx.state.timers[timerId];
  if (timer === undefined) return;
  emit(ctx, { type: 'TimerFired', timerId });
  const step = ctx.state.steps[timer.nodeId];
  if (step === undefined || step.activation !== timer.activation || !isActive(step)) return;
  switch (timer.purpose) {
    case 'retry':
      if (step.status === 'ready') follow(ctx, { type: 'perform', nodeId: timer.nodeId });
      return;
    case 'attempt_timeout':
      // Only the attempt the deadline belongs to, still running: a later attempt has its own deadline.
      if (step.status !== 'running' || step.attempt !== timer.attempt) return;
      command(ctx, { type: 'abortStep', nodeId: timer.nodeId, attempt: step.attempt, reason: 'TIMEOUT' });
      follow(ctx, { type: 'attemptTimedOut', nodeId: timer.nodeId });
      return;
    case 'timeout': {
      for (const task of Object.values(ctx.state.tasks)) {
        if (task.nodeId === timer.nodeId && task.status === 'open') emit(ctx, { type: 'TaskCancelled', taskId: task.taskId, nodeId: task.nodeId, reason: 'TIMEOUT' });
      }
      if (step.status === 'running') command(ctx, { type: 'abortStep', nodeId: timer.nodeId });
      const node = nodeOf(ctx, timer.nodeId);
      const message = `"${node.name}" did not finish within ${node.timeoutSec ?? node.approvalGate?.timeoutHours ?? '?'}${node.timeoutSec === undefined ? ' h' : ' s'}`;
      follow(ctx, { type: 'fail', nodeId: timer.nodeId, error: { code: 'TIMEOUT', message }, retryable: false });
      return;
    }
    case 'task_due': {
      const open = Object.values(ctx.state.tasks).find((t) => t.nodeId === timer.nodeId && t.status === 'open');
      emit(ctx, { type: 'Escalated', nodeId: timer.nodeId, reason: 'TIMEOUT', message: 'the task is overdue', ...(open === undefined ? {} : { taskId: open.taskId }) });
      return;
    }
  }
}

type TaskInput = Extract<DecideInput, { type: 'taskCompleted' }>;

/** A person finished a task: what it unblocks depends on the task's phase. Returns a refusal when it cannot apply. */
export function handleTaskCompleted(ctx: DecisionContext, input: TaskInput): { code: string; message: string } | undefined {
  const task = ctx.state.tasks[input.taskId];
  if (task === undefined) return { code: 'unknown_task', message: `run ${ctx.state.runId} has no task ${input.taskId}` };
  if (task.status !== 'open') return { code: 'task_closed', message: `task ${input.taskId} is already ${task.status}` };
  const yes = input.decision === 'approved' || input.decision === 'done';
  if ((task.phase === 'auth' || task.phase === 'review') && input.decision !== 'approved' && input.decision !== 'denied') {
    return { code: 'bad_decision', message: `task ${input.taskId} needs approve or deny` };
  }
  emit(ctx, {
    type: 'TaskCompleted', taskId: input.taskId, nodeId: task.nodeId, by: input.by, decision: input.decision,
    ...(input.data === undefined ? {} : { data: input.data }), ...(input.reason === undefined ? {} : { reason: input.reason }),
    ...(input.levelVerified === undefined ? {} : { levelVerified: input.levelVerified }), ...(input.level === undefined ? {} : { level: input.level }),
    ...(input.enteredBy === undefined ? {} : { enteredBy: input.enteredBy }), ...(input.directoryVersion === undefined ? {} : { directoryVersion: input.directoryVersion }),
    ...(input.identity === undefined ? {} : { identity: input.identity }),
  });
  const nodeId = task.nodeId;
  const step = ctx.state.steps[nodeId];
  switch (task.phase) {
    case 'auth':
      // The gate's timeout bounds the wait for the approval, not the work that follows it.
      if (yes) {
        cancelWaitTimeout(ctx, nodeId);
        follow(ctx, { type: 'perform', nodeId });
      } else {
        denied(ctx, nodeId, input.by, input.reason);
      }
      return undefined;
    case 'review': {
      const proposal = step.proposal;
      if (yes) {
        // Approved as proposed (no data, or the same data) is an acceptance; other data is a correction.
        const corrected = input.data !== undefined && proposal !== undefined && !isDeepStrictEqual(input.data, proposal.output);
        follow(ctx, {
          type: 'complete', nodeId, output: input.data ?? proposal?.output ?? {}, meta: {
            by: input.by,
            ...(corrected ? { correctedFrom: proposal.output } : {}),
            ...(proposal?.confidence === undefined ? {} : { confidence: proposal.confidence }),
            ...(proposal?.usage === undefined ? {} : { usage: proposal.usage }),
            ...(proposal?.toolCalls === undefined ? {} : { toolCalls: proposal.toolCalls }),
          },
        });
      } else if (task.reason === 'LOW_CONFIDENCE') {
        follow(ctx, { type: 'fail', nodeId, error: { code: 'LOW_CONFIDENCE', message: `rejected by ${input.by}${input.reason === undefined ? '' : `: ${input.reason}`}` }, retryable: false });
      } else {
        denied(ctx, nodeId, input.by, input.reason);
      }
      return undefined;
    }
    case 'work_approval':
      if (yes) follow(ctx, { type: 'complete', nodeId, output: input.data ?? {}, meta: { by: input.by } });
      else if (input.decision === 'denied') denied(ctx, nodeId, input.by, input.reason);
      else follow(ctx, { type: 'fail', nodeId, error: { code: 'NOT_DONE', message: `${input.by} reported it not done${input.reason === undefined ? '' : `: ${input.reason}`}` }, retryable: false });
      return undefined;
    case 'work':
    case 'escalation':
      if (yes) follow(ctx, { type: 'complete', nodeId, output: input.data ?? {}, meta: { by: input.by } });
      else follow(ctx, { type: 'fail', nodeId, error: { code: 'NOT_DONE', message: `${input.by} reported it not done${input.reason === undefined ? '' : `: ${input.reason}`}` }, retryable: false, escalate: task.phase === 'work' });
      return undefined;
    case 'unknown_outcome':
      if (yes) follow(ctx, { type: 'complete', nodeId, output: input.data ?? {}, meta: { by: input.by } });
      else follow(ctx, { type: 'perform', nodeId });
      return undefined;
  }
}

function denied(ctx: DecisionContext, nodeId: string, by: string, reason: string | undefined): void {
  const message = `denied by ${by}${reason === undefined ? '' : `: ${reason}`}`;
  emit(ctx, { type: 'Escalated', nodeId, reason: 'AUTH_DENIED', message });
  follow(ctx, { type: 'fail', nodeId, error: { code: 'AUTH_DENIED', message }, retryable: false });
}

/** A signal: it releases the step waiting for it, or is buffered for a later wait. */
export function handleSignal(ctx: DecisionContext, name: string, payload: unknown): void {
  const waiting = Object.values(ctx.state.steps).find((s) => s.status === 'waiting' && s.waitingOn === 'signal' && s.signal === name);
  if (waiting === undefined) {
    emit(ctx, { type: 'SignalReceived', name, ...(payload === undefined ? {} : { payload }) });
    return;
  }
  emit(ctx, { type: 'SignalReceived', name, ...(payload === undefined ? {} : { payload }), consumedBy: waiting.nodeId });
  follow(ctx, { type: 'complete', nodeId: waiting.nodeId, output: signalOutput(name, payload), meta: {} });
}

type ChildInput = Extract<DecideInput, { type: 'childEnded' }>;

/**
 * A child run ended: its end is recorded once (also on a skipped step or an ended run, whose outcome it
 * does not change); once every child of a step still waiting for them has ended, the step completes with their outputs or fails.
 */
export function handleChildEnded(ctx: DecisionContext, input: ChildInput): void {
  const step = ctx.state.steps[input.nodeId];
  if (!unendedChildren(step).includes(input.childRunId)) return;
  emit(ctx, {
    type: 'ChildRunEnded', nodeId: input.nodeId, childRunId: input.childRunId, status: input.status, ...(input.output === undefined ? {} : { output: input.output }),
    ...(input.started === false ? { started: false } : {}), ...(input.reason === undefined ? {} : { reason: input.reason }),
  });
  if (!waitsForChildren(step)) return;
  const children = ctx.state.steps[input.nodeId].children!;
  if (children.ended.length < children.expected) return;
  const failed = children.ended.find((c) => c.status !== 'completed');
  if (failed !== undefined) {
    const message = failed.started === false ? `child run ${failed.childRunId} was never started: ${failed.reason ?? failed.status}` : `child run ${failed.childRunId} ${failed.status}`;
    follow(ctx, { type: 'fail', nodeId: input.nodeId, error: { code: 'CHILD_FAILED', message }, retryable: false });
  } else {
    const output = children.expected === 1 ? { ...(children.ended[0].output ?? {}) } : { children: children.ended.map((c) => c.output ?? {}) };
    follow(ctx, { type: 'complete', nodeId: input.nodeId, output, meta: {} });
  }
}

/** A worker takes the run over: the children no step waits for any more are asked again to cancel, then each step is looked at in turn (`resumeStep`). */
export function handleResume(ctx: DecisionContext): void {
  for (const cancel of childCancels(ctx.state)) command(ctx, cancel);
  for (const nodeId of Object.keys(ctx.state.steps)) follow(ctx, { type: 'resumeStep', nodeId });
}

/**
 * Work item `resumeStep`: a ready step starts; a step recorded as started (StepStarted) with no result
 * is started again when idempotent, or becomes a person's "did this happen?" task when not. The step
 * is read as it is now: one an earlier item of this resume ended (a run failed, a branch cancelled) is left alone.
 */
export function handleResumeStep(ctx: DecisionContext, work: Extract<WorkItem, { type: 'resumeStep' }>): void {
  const step = ctx.state.steps[work.nodeId];
  const node = nodeOf(ctx, step.nodeId);
  if (step.status === 'ready') {
    follow(ctx, { type: 'perform', nodeId: step.nodeId });
  } else if (step.status === 'running') {
    if (isIdempotent(node)) {
      follow(ctx, { type: 'perform', nodeId: step.nodeId, recovered: true });
    } else {
      const taskId = openTask(ctx, step.nodeId, {
        kind: 'did-this-happen', phase: 'unknown_outcome', title: `Did "${node.name}" happen?`, role: node.role,
        reason: 'UNKNOWN_OUTCOME',
      });
      emit(ctx, { type: 'Escalated', nodeId: step.nodeId, reason: 'UNKNOWN_OUTCOME', message: `attempt ${step.attempt} started but its result was never recorded; it may not be repeated safely`, taskId });
      // The lost attempt's deadline must not cut the question short: a person answers it, whenever.
      cancelAttemptDeadline(ctx, step.nodeId);
    }
  } else if (step.status === 'waiting' && step.shadow !== undefined && !step.shadow.done && isIdempotent(node)) {
    command(ctx, {
      type: 'executeStep', nodeId: step.nodeId, activation: step.activation, attempt: 1, input: step.input,
      idempotencyKey: `${ctx.state.runId}:${step.nodeId}:${step.activation}`, shadow: true, recovered: true,
      ...(node.timeoutSec === undefined || node.timeoutSec <= 0 ? {} : { deadlineAt: after(ctx, node.timeoutSec) }),
    });
  }
}
