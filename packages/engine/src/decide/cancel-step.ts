import type { SkipReason } from '../events/run-event.js';
import { cancelChildren } from './child-cancels.js';
import { command, emit, type DecisionContext } from './decision-context.js';

/**
 * Stops a step in flight: skipped with a reason, its open tasks and timers cancelled, its execution
 * aborted and its running child runs asked to cancel — or, when this same decision ordered it (not yet
 * started), that order withdrawn: an `executeStep` dropped, a child run never started and its
 * `ChildRunStarted` closed as cancelled.
 */
export function cancelStep(ctx: DecisionContext, nodeId: string, reason: SkipReason): void {
  const step = ctx.state.steps[nodeId];
  for (const task of Object.values(ctx.state.tasks)) {
    if (task.nodeId === nodeId && task.status === 'open') emit(ctx, { type: 'TaskCancelled', taskId: task.taskId, nodeId, reason });
  }
  for (const timer of Object.values(ctx.state.timers)) {
    if (timer.nodeId === nodeId) {
      emit(ctx, { type: 'TimerCancelled', timerId: timer.timerId });
      command(ctx, { type: 'cancelTimer', timerId: timer.timerId });
    }
  }
  if (step?.status === 'running') command(ctx, { type: 'abortStep', nodeId });
  // The recorded ChildRunStarted stays (events already emitted are never taken back): a matching end says the child never ran.
  for (const cmd of ctx.commands) {
    if (cmd.type === 'startChildRun' && cmd.nodeId === nodeId) emit(ctx, { type: 'ChildRunEnded', nodeId, childRunId: cmd.childRunId, status: 'cancelled', started: false });
  }
  // The run loop writes StepStarted for each executeStep after these events, and starts each child run: left in place, the skipped step would run.
  ctx.commands = ctx.commands.filter((c) => !((c.type === 'executeStep' || c.type === 'startChildRun') && c.nodeId === nodeId));
  emit(ctx, { type: 'StepSkipped', nodeId, activation: step?.activation ?? 0, reason });
  // Children started by an earlier decision run on their own: each is told (a takeover tells it again until its end is recorded).
  cancelChildren(ctx, nodeId);
}
