import type { DecideInput } from './decide-input.js';
import { openTask, performStep } from './activate-step.js';
import { command, emit, isActive, nodeOf, type DecisionContext } from './decision-context.js';
import { completeStep, failStep } from './finish-step.js';
import { isIdempotent } from './step-policy.js';

/** A due timer: a retry starts the next attempt; a timeout fails the step with TIMEOUT; a due date escalates. */
export function handleTimerFired(ctx: DecisionContext, timerId: string): void {
  const timer = ctx.state.timers[timerId];
  if (timer === undefined) return;
  emit(ctx, { type: 'TimerFired', timerId });
  const step = ctx.state.steps[timer.nodeId];
  if (step === undefined || step.activation !== timer.activation || !isActive(step)) return;
  switch (timer.purpose) {
    case 'retry':
      if (step.status === 'ready') performStep(ctx, timer.nodeId);
      return;
    case 'timeout': {
      for (const task of Object.values(ctx.state.tasks)) {
        if (task.nodeId === timer.nodeId && task.status === 'open') emit(ctx, { type: 'TaskCancelled', taskId: task.taskId, nodeId: task.nodeId, reason: 'TIMEOUT' });
      }
      if (step.status === 'running') command(ctx, { type: 'abortStep', nodeId: timer.nodeId });
      const node = nodeOf(ctx, timer.nodeId);
      failStep(ctx, timer.nodeId, { code: 'TIMEOUT', message: `"${node.name}" did not finish within ${node.timeoutSec ?? node.approvalGate?.timeoutHours ?? '?'}${node.timeoutSec === undefined ? ' h' : ' s'}` }, false);
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
  });
  const nodeId = task.nodeId;
  const step = ctx.state.steps[nodeId];
  switch (task.phase) {
    case 'auth':
      if (yes) performStep(ctx, nodeId);
      else denied(ctx, nodeId, input.by, input.reason);
      return undefined;
    case 'review': {
      const proposal = step.proposal;
      if (yes) {
        completeStep(ctx, nodeId, input.data ?? proposal?.output ?? {}, {
          by: input.by,
          ...(proposal?.confidence === undefined ? {} : { confidence: proposal.confidence }),
          ...(proposal?.usage === undefined ? {} : { usage: proposal.usage }),
          ...(proposal?.toolCalls === undefined ? {} : { toolCalls: proposal.toolCalls }),
        });
      } else if (task.reason === 'LOW_CONFIDENCE') {
        failStep(ctx, nodeId, { code: 'LOW_CONFIDENCE', message: `rejected by ${input.by}${input.reason === undefined ? '' : `: ${input.reason}`}` }, false);
      } else {
        denied(ctx, nodeId, input.by, input.reason);
      }
      return undefined;
    }
    case 'work':
    case 'escalation':
      if (yes) completeStep(ctx, nodeId, input.data ?? {}, { by: input.by });
      else failStep(ctx, nodeId, { code: 'NOT_DONE', message: `${input.by} reported it not done${input.reason === undefined ? '' : `: ${input.reason}`}` }, false, undefined, task.phase === 'work');
      return undefined;
    case 'unknown_outcome':
      if (yes) completeStep(ctx, nodeId, input.data ?? {}, { by: input.by });
      else performStep(ctx, nodeId);
      return undefined;
  }
}

function denied(ctx: DecisionContext, nodeId: string, by: string, reason: string | undefined): void {
  const message = `denied by ${by}${reason === undefined ? '' : `: ${reason}`}`;
  emit(ctx, { type: 'Escalated', nodeId, reason: 'AUTH_DENIED', message });
  failStep(ctx, nodeId, { code: 'AUTH_DENIED', message }, false);
}

/**
 * A worker takes the run over: ready steps start; a step recorded as started with no result is
 * started again when idempotent, or becomes a person's "did this happen?" task when not.
 */
export function handleResume(ctx: DecisionContext): void {
  for (const step of Object.values(ctx.state.steps)) {
    const node = nodeOf(ctx, step.nodeId);
    if (step.status === 'ready') {
      performStep(ctx, step.nodeId);
    } else if (step.status === 'running') {
      if (isIdempotent(node)) {
        performStep(ctx, step.nodeId, true);
      } else {
        const taskId = openTask(ctx, step.nodeId, {
          kind: 'did-this-happen', phase: 'unknown_outcome', title: `Did "${node.name}" happen?`, role: node.role,
          reason: 'UNKNOWN_OUTCOME',
        });
        emit(ctx, { type: 'Escalated', nodeId: step.nodeId, reason: 'UNKNOWN_OUTCOME', message: `attempt ${step.attempt} started but its result was never recorded; it may not be repeated safely`, taskId });
      }
    } else if (step.status === 'waiting' && step.shadow !== undefined && !step.shadow.done && isIdempotent(node)) {
      command(ctx, {
        type: 'executeStep', nodeId: step.nodeId, activation: step.activation, attempt: 1, input: step.input,
        idempotencyKey: `${ctx.state.runId}:${step.nodeId}:${step.activation}`, shadow: true, recovered: true,
      });
    }
  }
}
