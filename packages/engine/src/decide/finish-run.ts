import { activateNode } from './activate-step.js';
import { cancelStep } from './arrive.js';
import { command, emit, isActive, type DecisionContext } from './decision-context.js';

/** After a step finished: carry on compensating, or complete the run once nothing is left in flight. */
export function afterStepEnded(ctx: DecisionContext, nodeId: string): void {
  const step = ctx.state.steps[nodeId];
  if (step?.compensation === true) {
    continueCompensation(ctx);
    return;
  }
  completeRunIfDone(ctx);
}

/** Completes the run when no step is in flight; its output is the last completed step's. */
export function completeRunIfDone(ctx: DecisionContext): void {
  const state = ctx.state;
  if (state.status !== 'running' && state.status !== 'waiting') return;
  if (state.compensation !== undefined) return;
  for (const step of Object.values(state.steps)) if (isActive(step)) return;
  const last = [...state.completionOrder].reverse().map((id) => state.steps[id]).find((s) => s.compensation !== true);
  emit(ctx, { type: 'RunCompleted', output: last?.output ?? {} });
  announceEnd(ctx, 'completed', last?.output ?? {});
}

/** An unhandled failure: stop everything in flight, undo completed steps in reverse order, then fail. */
export function failRun(ctx: DecisionContext, error: { code: string; message: string }, nodeId?: string): void {
  for (const step of Object.values(ctx.state.steps)) if (isActive(step)) cancelStep(ctx, step.nodeId, 'run_cancelled');
  const queue: string[] = [];
  for (const done of [...ctx.state.completionOrder].reverse()) {
    if (ctx.state.steps[done]?.compensation === true) continue;
    for (const undo of ctx.index.undo.get(done) ?? []) if (!queue.includes(undo)) queue.push(undo);
  }
  if (queue.length > 0) {
    emit(ctx, { type: 'CompensationStarted', nodes: queue, cause: { ...error, ...(nodeId === undefined ? {} : { nodeId }) } });
    activateNode(ctx, queue[0], undefined, undefined, true);
    return;
  }
  emit(ctx, { type: 'RunFailed', error, ...(nodeId === undefined ? {} : { nodeId }) });
  announceEnd(ctx, 'failed');
}

function continueCompensation(ctx: DecisionContext): void {
  const compensation = ctx.state.compensation;
  if (compensation === undefined) return;
  if (compensation.queue.length > 0) {
    activateNode(ctx, compensation.queue[0], undefined, undefined, true);
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
