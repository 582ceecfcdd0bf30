import type { TimerPurpose } from '../events/run-event.js';
import { after, command, emit, newId, nodeOf, stepOf, type DecisionContext } from './decision-context.js';

/** Schedules a durable timer for a step's current activation; returns its id. */
export function addTimer(ctx: DecisionContext, nodeId: string, purpose: TimerPurpose, seconds: number, attempt?: number): string {
  const timerId = newId(ctx, 'timer');
  const dueAt = after(ctx, seconds);
  emit(ctx, { type: 'TimerScheduled', timerId, dueAt, purpose, nodeId, activation: stepOf(ctx, nodeId).activation, ...(attempt === undefined ? {} : { attempt }) });
  command(ctx, { type: 'scheduleTimer', timerId, dueAt });
  return timerId;
}

/**
 * The deadline of an attempt about to execute: a durable `attempt_timeout` timer `timeout_sec`
 * from now (replacing an earlier attempt's, e.g. one a crash or a detached start left); returns
 * its due time for the executeStep command, or undefined when the node has no timeout.
 */
export function scheduleAttemptDeadline(ctx: DecisionContext, nodeId: string, attempt: number): string | undefined {
  const timeoutSec = nodeOf(ctx, nodeId).timeoutSec;
  if (timeoutSec === undefined || timeoutSec <= 0) return undefined;
  const earlier = attemptTimers(ctx, nodeId);
  const timerId = addTimer(ctx, nodeId, 'attempt_timeout', timeoutSec, attempt);
  for (const id of earlier) cancelTimer(ctx, id);
  return ctx.state.timers[timerId].dueAt;
}

/** Cancels the attempt deadline of a step whose attempt ended (a result, a retry, a lost outcome). */
export function cancelAttemptDeadline(ctx: DecisionContext, nodeId: string): void {
  for (const id of attemptTimers(ctx, nodeId)) cancelTimer(ctx, id);
}

function attemptTimers(ctx: DecisionContext, nodeId: string): string[] {
  return Object.values(ctx.state.timers).filter((t) => t.nodeId === nodeId && t.purpose === 'attempt_timeout').map((t) => t.timerId);
}

function cancelTimer(ctx: DecisionContext, timerId: string): void {
  emit(ctx, { type: 'TimerCancelled', timerId });
  command(ctx, { type: 'cancelTimer', timerId });
}

/** Timeout (→ timeout routing) and SLA due (→ escalation) timers for a step that waits. */
export function scheduleStepTimers(ctx: DecisionContext, nodeId: string): void {
  const node = nodeOf(ctx, nodeId);
  if (node.timeoutSec !== undefined) addTimer(ctx, nodeId, 'timeout', node.timeoutSec);
  if (node.sla?.dueSec !== undefined && (node.timeoutSec === undefined || node.sla.dueSec < node.timeoutSec)) addTimer(ctx, nodeId, 'task_due', node.sla.dueSec);
}

/** Cancels the deadline of a step's wait for its approval (the gate's `timeout_hours`) once it is approved. */
export function cancelWaitTimeout(ctx: DecisionContext, nodeId: string): void {
  for (const timer of Object.values(ctx.state.timers)) {
    if (timer.nodeId === nodeId && timer.purpose === 'timeout') cancelTimer(ctx, timer.timerId);
  }
}

/** Cancels a finished step's pending timers (timeouts, attempt deadlines, due dates). */
export function cancelStepTimers(ctx: DecisionContext, nodeId: string): void {
  for (const timer of Object.values(ctx.state.timers)) {
    if (timer.nodeId === nodeId) cancelTimer(ctx, timer.timerId);
  }
}
