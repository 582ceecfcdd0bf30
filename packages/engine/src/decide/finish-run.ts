import { cancelStep } from './cancel-step.js';
import { command, emit, follow, isActive, type DecisionContext } from './decision-context.js';
import type { WorkItem } from './work-item.js';

/** Work item `stepFinished`: after a step ended, carry on compensating, or complete the run once nothing is left in flight. */
export function handleStepFinished(ctx: DecisionContext, work: Extract<WorkItem, { type: 'stepFinished' }>): void {
  const step = ctx.state.steps[work.nodeId];
  if (step?.compensation === true) {
    continueCompensation(ctx);
    return;
  }
  handleCheckRunDone(ctx);
}

/** Work item `checkRunDone`: completes the run when no step is in flight; its output is the last completed step's. */
export function handleCheckRunDone(ctx: DecisionContext): void {
  const state = ctx.state;
  if (state.status !== 'running' && state.status !== 'waiting') return;
  if (state.compensation !== undefined) return;
  for (const step of Object.values(state.steps)) if (isActive(step)) return;
  const last = [...state.completionOrder].reverse().map((id) => state.steps[id]).find((s) => s.compensation !== true);
  emit(ctx, { type: 'RunCompleted', output: last?.output ?? {} });
  announceEnd(ctx, 'completed', last?.output ?? {});
}

/** Work item `failRun`: an unhandled failure stops everything in flight, undoes completed steps in reverse order, then fails the run. */
export function handleFailRun(ctx: DecisionContext, work: Extract<WorkItem, { type: 'failRun' }>): void {
  const { error, nodeId } = work;
  for (const step of Object.values(ctx.state.steps)) if (isActive(step)) cancelStep(ctx, step.nodeId, 'run_cancelled');
  const queue: string[] = [];
  for (const done of [...ctx.state.completionOrder].reverse()) {
    if (ctx.state.steps[done]?.compensation === true) continue;
    for (const undo of ctx.index.undo.get(done) ?? []) if (!queue.includes(undo)) queue.push(undo);
  }
  if (queue.length > 0) {
    emit(ctx, { type: 'CompensationStarted', nodes: queue, cause: { ...error, ...(nodeId === undefined ? {} : { nodeId }) } });
    follow(ctx, { type: 'activate', nodeId: queue[0], compensation: true });
    return;
  }
  emit(ctx, { type: 'RunFailed', error, ...(nodeId === undefined ? {} : { nodeId }) });
  announceEnd(ctx, 'failed');
}

function continueCompensation(ctx: DecisionContext): void {
  const compensation = ctx.state.compensation;
  if (compensation === undefined) return;
  if (compensation.queue.length > 0) {
    follow(ctx, { type: 'activate', nodeId: compensation.queue[0], compensation: true });
    return;
  }
  emit(ctx, { type: 'RunFailed', error: { code: compensation.cause.code, message: compensation.cause.message }, ...(compensation.cause.nodeId === undefined ? {} : { nodeId: compensation.cause.nodeId }) });
  announceEnd(ctx, 'failed');
}

/** Cancels the run: every step in flight is skipped, its tasks and timers closed. */
export function cancelRun(ctx: DecisionContext, reason: string, by?: string): void {
  for (const step of Object.values(ctx.state.steps)) if (isActive(step)) cancelStep(ctx, step.nodeId, 'run_cancelled');
  emit(ctx, { type: 'RunCancelled', reason, ...(by === undefined ? {} : { by }) });
  announceEnd(ctx, 'cancelled');
}

function announceEnd(ctx: DecisionContext, status: 'completed' | 'failed' | 'cancelled', output?: Record<string, unknown>): void {
  command(ctx, { type: 'completeRun', status });
  const { parentRunId, parentNodeId } = ctx.state;
  if (parentRunId !== undefined && parentNodeId !== undefined) {
    command(ctx, { type: 'notifyParent', parentRunId, parentNodeId, childRunId: ctx.state.runId, status, ...(output === undefined ? {} : { output }) });
  }
}
