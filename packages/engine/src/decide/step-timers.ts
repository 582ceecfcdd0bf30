import type { TimerPurpose } from '../events/run-event.js';
import { after, command, emit, newId, nodeOf, stepOf, type DecisionContext } from './decision-context.js';

/** Schedules a durable timer for a step's current activation; returns its id. */
export function addTimer(ctx: DecisionContext, nodeId: string, purpose: TimerPurpose, seconds: number): string {
  const timerId = newId(ctx, 'timer');
  const dueAt = after(ctx, seconds);
  emit(ctx, { type: 'TimerScheduled', timerId, dueAt, purpose, nodeId, activation: stepOf(ctx, nodeId).activation });
  command(ctx, { type: 'scheduleTimer', timerId, dueAt });
  return timerId;
}

/** Timeout (→ timeout routing) and SLA due (→ escalation) timers for a step that waits. */
export function scheduleStepTimers(ctx: DecisionContext, nodeId: string): void {
  const node = nodeOf(ctx, nodeId);
  if (node.timeoutSec !== undefined) addTimer(ctx, nodeId, 'timeout', node.timeoutSec);
  if (node.sla?.dueSec !== undefined && (node.timeoutSec === undefined || node.sla.dueSec < node.timeoutSec)) addTimer(ctx, nodeId, 'task_due', node.sla.dueSec);
}

/** Cancels a finished step's pending timers (timeouts, due dates). */
export function cancelStepTimers(ctx: DecisionContext, nodeId: string): void {
  for (const timer of Object.values(ctx.state.timers)) {
    if (timer.nodeId !== nodeId) continue;
    emit(ctx, { type: 'TimerCancelled', timerId: timer.timerId });
    command(ctx, { type: 'cancelTimer', timerId: timer.timerId });
  }
}
