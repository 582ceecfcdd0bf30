import { emit, follow, isActive, type DecisionContext } from './decision-context.js';
import { cancelStep } from './cancel-step.js';
import type { WorkItem } from './work-item.js';
import { isBackEdge } from './workflow-index.js';

/**
 * Work item `arrive`: a token reaches a node, taken (the edge was followed) or dead (not taken,
 * skipped upstream). A node with one source runs or is skipped at once. An XOR-merge (several
 * sources, not branches of one fan-out: see findWaitingJoins) runs on each taken token and is
 * skipped once every source ended without taking it. A join (AND) decides by its join mode, fires
 * once per round, and under wait_any / wait_n cancels the branches still running.
 */
export function handleArrive(ctx: DecisionContext, work: Extract<WorkItem, { type: 'arrive' }>): void {
  const { targetId, taken, via, item } = work;
  const incoming = ctx.index.incoming.get(targetId) ?? [];
  const sources = [...new Set(incoming.map((e) => e.from))];
  const target = ctx.state.steps[targetId];
  const activate: WorkItem = { type: 'activate', nodeId: targetId, ...(via === undefined ? {} : { via }), ...(item === undefined ? {} : { item }) };
  const skip: WorkItem = { type: 'skip', nodeId: targetId, reason: 'branch_not_taken' };
  if (sources.length <= 1) {
    follow(ctx, taken ? activate : skip);
    return;
  }
  if (isActive(target)) return;
  const waits = ctx.index.waitingJoins.has(targetId);
  if (!waits && taken) {
    follow(ctx, activate);
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
  if (!waits) {
    // An XOR-merge skips on a dead token only when no source may still arrive.
    if (pending.length === 0 && arrived.length === 0) follow(ctx, skip);
    return;
  }
  const modeEdge = incoming.find((e) => e.joinMode !== undefined);
  const mode = modeEdge?.joinMode ?? 'wait_all';
  const needed = mode === 'wait_all' ? sources.length : mode === 'wait_any' ? 1 : Math.max(1, modeEdge?.joinCount ?? 1);
  const joinVia = incoming.find((e) => arrived.includes(e.from));
  const fire: WorkItem = { type: 'activate', nodeId: targetId, ...(joinVia === undefined ? {} : { via: joinVia }) };
  if (mode === 'wait_all') {
    if (pending.length > 0) return;
    follow(ctx, arrived.length > 0 ? fire : skip);
    return;
  }
  if (arrived.length >= needed) {
    follow(ctx, fire, { type: 'cancelBranches', pending });
    return;
  }
  if (pending.length === 0) follow(ctx, skip);
}

/** Work item `skip`: marks a node skipped and sends dead tokens down its edges (dead-path elimination). */
export function handleSkip(ctx: DecisionContext, work: Extract<WorkItem, { type: 'skip' }>): void {
  const { nodeId, reason } = work;
  const step = ctx.state.steps[nodeId];
  if (isActive(step)) return;
  if (step?.status === 'skipped' && (step.endedVersion ?? -1) >= ctx.startVersion) return;
  emit(ctx, { type: 'StepSkipped', nodeId, activation: step?.activation ?? 0, reason });
  for (const edge of ctx.index.outgoing.get(nodeId) ?? []) {
    if (isBackEdge(edge)) continue;
    follow(ctx, { type: 'arrive', targetId: edge.to, taken: false });
  }
}

/** Work item `cancelBranches`: walks back from a join's pending sources, cancelling what still runs and closing paths not yet reached. */
export function handleCancelBranches(ctx: DecisionContext, work: Extract<WorkItem, { type: 'cancelBranches' }>): void {
  const seen = new Set<string>();
  const queue = [...work.pending];
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

