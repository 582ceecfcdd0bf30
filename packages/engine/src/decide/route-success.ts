import { edgeModeTraits } from '@sopflow/format';
import type { WorkflowEdge } from '@sopflow/format';
import type { LoopItem } from '../events/run-event.js';
import { celScope } from '../cel/cel-scope.js';
import { evaluateCondition } from '../cel/evaluate-condition.js';
import type { RunState } from '../state/run-state.js';
import { stepOf, type DecisionContext } from './decision-context.js';
import { seededFraction } from './step-policy.js';
import { edgeKey, isBackEdge } from './workflow-index.js';

const DEFAULT_MAX_ITERATIONS = 100;

export interface RouteTarget {
  to: string;
  via: WorkflowEdge;
  item?: LoopItem;
  /** Re-run the node (loop back-edge or next for_each item) even though it finished before. */
  again?: boolean;
}

export interface Routing {
  targets: RouteTarget[];
  /** When a loop or a for_each iteration continues, the node's other edges are neither taken nor skipped. */
  holdOthers: boolean;
  loopsTaken: string[];
  forEachStarted?: { key: string; to: string; items: unknown[] };
  forEachIteration?: string;
  /** The output to record (the last for_each iteration adds `results`). */
  output: Record<string, unknown>;
  error?: { code: string; message: string };
}

/**
 * Pure over the decision context; which edges a successful step takes: an unfinished for_each
 * continues; a loop back-edge whose `when` holds returns (bounded by max_iterations); otherwise
 * conditional edges whose `when` holds (sequential edges are their default), parallel/message/
 * event/signal/spawn edges always, one weighted edge by the run's seed, the matching switch case.
 */
export function routeSuccess(ctx: DecisionContext, nodeId: string, rawOutput: Record<string, unknown>): Routing {
  const step = stepOf(ctx, nodeId);
  let output = rawOutput;
  const routing: Routing = { targets: [], holdOthers: false, loopsTaken: [], output };
  const running = Object.entries(ctx.state.forEach).find(([key, loop]) => key.endsWith(`->${nodeId}`) && loop.index < loop.items.length);
  if (running !== undefined && step.item !== undefined) {
    const [key, loop] = running;
    routing.forEachIteration = key;
    const nextIndex = loop.index + 1;
    if (nextIndex < loop.items.length) {
      const edge = ctx.index.outgoing.get(key.split('->')[0])?.find((e) => edgeKey(e) === key);
      routing.targets.push({ to: nodeId, via: edge!, item: { name: step.item.name, value: loop.items[nextIndex], index: nextIndex }, again: true });
      routing.holdOthers = true;
      return routing;
    }
    output = { ...rawOutput, results: [...loop.outputs, rawOutput] };
    routing.output = output;
  }
  // Every edge here leaves nodeId, so `outputs.<name>` is its output; built once, on first use.
  let variables: Record<string, unknown> | undefined;
  const scope = () => (variables ??= celScope(withOutput(ctx.state, nodeId, output), ctx.index.workflow.variables, { current: nodeId }));
  const edges = ctx.index.outgoing.get(nodeId) ?? [];
  for (const edge of edges.filter(isBackEdge)) {
    const key = edgeKey(edge);
    const count = ctx.state.loopCounts[key] ?? 0;
    if (count >= (edge.maxIterations ?? DEFAULT_MAX_ITERATIONS)) continue;
    if (edge.when !== undefined) {
      const result = evaluateCondition(edge.when, { ...scope(), iteration: { index: count, count } });
      if (!result.ok) return { ...routing, error: { code: 'EXPRESSION_ERROR', message: `loop ${key} when: ${result.message}` } };
      if (result.value !== true) continue;
    }
    routing.targets.push({ to: edge.to, via: edge, again: true });
    routing.loopsTaken.push(key);
    routing.holdOthers = true;
    return routing;
  }
  const failure = (edge: WorkflowEdge, message: string): Routing => ({ ...routing, error: { code: 'EXPRESSION_ERROR', message: `edge ${edge.from} → ${edge.to}: ${message}` } });
  const conditional: WorkflowEdge[] = [];
  const defaults: WorkflowEdge[] = [];
  const weighted: WorkflowEdge[] = [];
  const switches = new Map<string, WorkflowEdge[]>();
  for (const edge of edges) {
    const traits = edgeModeTraits(edge.mode);
    // Failure paths (error, timeout, fallback, compensation) and dataflow are not taken on success.
    if (isBackEdge(edge) || !traits.onSuccess) continue;
    if (traits.fanOut) {
      const guard = guardOf(edge, scope);
      if (typeof guard === 'string') return failure(edge, guard);
      if (guard) routing.targets.push({ to: edge.to, via: edge });
      continue;
    }
    switch (edge.mode) {
      case 'conditional': conditional.push(edge); break;
      case 'sequential': defaults.push(edge); break;
      case 'weighted': weighted.push(edge); break;
      case 'switch': {
        const key = `${String(edge.extra.switchTo)}|${edge.when ?? ''}`;
        switches.set(key, [...(switches.get(key) ?? []), edge]);
        break;
      }
      case 'loop': {
        const result = evaluateCondition(edge.forEach ?? '[]', scope());
        if (!result.ok) return failure(edge, result.message);
        if (!Array.isArray(result.value)) return failure(edge, 'for_each did not give a list');
        const items = result.value.slice(0, edge.maxIterations ?? DEFAULT_MAX_ITERATIONS);
        if (items.length === 0) break;
        routing.forEachStarted = { key: edgeKey(edge), to: edge.to, items };
        routing.targets.push({ to: edge.to, via: edge, item: { name: edge.iteratorVar ?? 'item', value: items[0], index: 0 }, again: true });
        break;
      }
    }
  }
  let anyConditional = false;
  for (const edge of conditional) {
    const result = edge.when === undefined ? { ok: true as const, value: true } : evaluateCondition(edge.when, scope());
    if (!result.ok) return failure(edge, result.message);
    if (result.value === true) {
      anyConditional = true;
      routing.targets.push({ to: edge.to, via: edge });
    }
  }
  if (!anyConditional) {
    for (const edge of defaults) {
      const guard = guardOf(edge, scope);
      if (typeof guard === 'string') return failure(edge, guard);
      if (guard) routing.targets.push({ to: edge.to, via: edge });
    }
  }
  if (weighted.length > 0) {
    const total = weighted.reduce((sum, e) => sum + Math.max(0, e.weight ?? 1), 0);
    let pick = seededFraction(ctx.state.seed, `${nodeId}:${step.activation}`) * total;
    const chosen = weighted.find((e) => (pick -= Math.max(0, e.weight ?? 1)) < 0) ?? weighted[weighted.length - 1];
    routing.targets.push({ to: chosen.to, via: chosen });
  }
  for (const group of switches.values()) {
    const first = group[0];
    const expr = first.when ?? (first.extra.condition as string | undefined) ?? (first.extra.expression as string | undefined);
    let chosen: string | undefined;
    if (expr !== undefined) {
      const result = evaluateCondition(expr, scope());
      if (!result.ok) return failure(first, result.message);
      chosen = first.cases?.find((c) => JSON.stringify(c.value) === JSON.stringify(result.value))?.to;
    }
    chosen ??= first.defaultTo ?? String(first.extra.switchTo);
    const edge = group.find((e) => e.to === chosen);
    if (edge !== undefined) routing.targets.push({ to: edge.to, via: edge });
  }
  return routing;
}

/** A `when` on an edge of any other mode is a guard: the edge is taken only when it holds. */
function guardOf(edge: WorkflowEdge, scope: () => Record<string, unknown>): boolean | string {
  if (edge.when === undefined) return true;
  const result = evaluateCondition(edge.when, scope());
  return result.ok ? result.value === true : result.message;
}

function withOutput(state: RunState, nodeId: string, output: Record<string, unknown>): RunState {
  const step = state.steps[nodeId];
  return {
    ...state,
    steps: { ...state.steps, [nodeId]: { ...step, output, status: 'completed' } },
    completionOrder: [...state.completionOrder.filter((id) => id !== nodeId), nodeId],
  };
}
