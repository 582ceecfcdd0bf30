import type { WorkflowEdge } from '@sopflow/format';
import type { LoopItem, SkipReason } from '../events/run-event.js';
import { activateNode } from './activate-step.js';
import { command, emit, isActive, type DecisionContext } from './decision-context.js';
import { isBackEdge } from './workflow-index.js';

/**
 * A token reaches `targetId` from `fromId`: taken (the edge was followed) or dead (not taken,
 * skipped upstream). A node with one source runs or is skipped at once. An XOR-merge (several
 * sources, not branches of one fan-out: see findWaitingJoins) runs on each taken token and is
 * skipped once every source ended without taking it. A join (AND) decides by its join mode, fires
 * once per round, and under wait_any / wait_n cancels the branches still running.
 */
export function arrive(ctx: DecisionContext, targetId: string, fromId: string, taken: boolean, via?: WorkflowEdge, item?: LoopItem): void {
  const incoming = ctx.index.incoming.get(targetId) ?? [];
  const sources = [...new Set(incoming.map((e) => e.from))];
  const target = ctx.state.steps[targetId];
  if (sources.length <= 1) {
    if (taken) activateNode(ctx, targetId, via, item);
    else skipNode(ctx, targetId, 'branch_not_taken');
    return;
  }
  if (isActive(target)) return;
  const waits = ctx.index.waitingJoins.has(targetId);
  if (!waits && taken) {
    activateNode(ctx, targetId, via, item);
    return;
  }
  const roundStart = target?.scheduledVersion ?? -1;
  const arrived: string[] = [];
  const pending: string[] = [];
  for (const source of sources) {
    const step = ctx.state.steps[source];
    if (step === undefined || isActive(step) || (step.endedVersion ?? -1) <= roundStart) pending.push(source);
    else if ((step.status === 'completed' || step.status === 'failed') && step.next.includes(targetId)) arrived.push(source);
  }
  void fromId;
  if (!waits) {
    // An XOR-merge skips on a dead token only when no source may still arrive.
    if (pending.length === 0 && arrived.length === 0) skipNode(ctx, targetId, 'branch_not_taken');
    return;
  }
  const modeEdge = incoming.find((e) => e.joinMode !== undefined);
  const mode = modeEdge?.joinMode ?? 'wait_all';
  const needed = mode === 'wait_all' ? sources.length : mode === 'wait_any' ? 1 : Math.max(1, modeEdge?.joinCount ?? 1);
  const joinVia = incoming.find((e) => arrived.includes(e.from));
  if (mode === 'wait_all') {
    if (pending.length > 0) return;
    if (arrived.length > 0) activateNode(ctx, targetId, joinVia);
    else skipNode(ctx, targetId, 'branch_not_taken');
    return;
  }
  if (arrived.length >= needed) {
    activateNode(ctx, targetId, joinVia);
    cancelBranches(ctx, pending);
    return;
  }
  if (pending.length === 0) skipNode(ctx, targetId, 'branch_not_taken');
}

/** Marks a node skipped and sends dead tokens down its edges (dead-path elimination). */
export function skipNode(ctx: DecisionContext, nodeId: string, reason: SkipReason): void {
  const step = ctx.state.steps[nodeId];
  if (isActive(step)) return;
  if (step?.status === 'skipped' && (step.endedVersion ?? -1) >= ctx.startVersion) return;
  emit(ctx, { type: 'StepSkipped', nodeId, activation: step?.activation ?? 0, reason });
  for (const edge of ctx.index.outgoing.get(nodeId) ?? []) {
    if (isBackEdge(edge)) continue;
    arrive(ctx, edge.to, nodeId, false);
  }
}

/** Stops a step in flight: skipped with a reason, its open tasks and timers cancelled, its execution aborted. */
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
  emit(ctx, { type: 'StepSkipped', nodeId, activation: step?.activation ?? 0, reason });
}

/** Walks back from the join's pending sources, cancelling what still runs and closing paths not yet reached. */
function cancelBranches(ctx: DecisionContext, pending: string[]): void {
  const seen = new Set<string>();
  const queue = [...pending];
  while (queue.length > 0) {
    const nodeId = queue.shift()!;
    if (seen.has(nodeId)) continue;
    seen.add(nodeId);
    const step = ctx.state.steps[nodeId];
    if (step !== undefined && !isActive(step)) continue;
    cancelStep(ctx, nodeId, 'cancelled_by_join');
    for (const edge of ctx.index.incoming.get(nodeId) ?? []) queue.push(edge.from);
  }
}
