import { isControlEdge } from '../model/edge-mode.js';
import type { EdgeMode } from '../model/edge-mode.js';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';

/** Adjacency over a workflow's control edges (dataflow excluded), built once per workflow object. */
export interface WorkflowGraph {
  nodes: ReadonlyMap<string, WorkflowNode>;
  /** Control edges by source id (every edge, including ones to unknown targets). */
  outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Control edges by target id (edge.to, switch cases and default_to). */
  incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Successor ids that exist, per node: edge targets, on_failure/on_timeout nodes, failure-mode gotos. */
  successors: ReadonlyMap<string, readonly string[]>;
}

/** Edge modes taken only when the step did not succeed (or to undo it). */
export const FAILURE_PATH_MODES: ReadonlySet<EdgeMode> = new Set<EdgeMode>(['error', 'timeout', 'fallback', 'compensation']);

/** Pure; every node an edge can lead to: `to`, switch case targets and `default_to`. */
export function edgeTargets(edge: WorkflowEdge): string[] {
  const targets = [edge.to];
  for (const c of edge.cases ?? []) if (c.to !== edge.to) targets.push(c.to);
  if (edge.defaultTo !== undefined && !targets.includes(edge.defaultTo)) targets.push(edge.defaultTo);
  return targets;
}

const cache = new WeakMap<Workflow, WorkflowGraph>();

/** Pure; the (cached) adjacency of `workflow`. Linear in nodes + edges. */
export function workflowGraph(workflow: Workflow): WorkflowGraph {
  const cached = cache.get(workflow);
  if (cached !== undefined) return cached;
  const nodes = new Map<string, WorkflowNode>();
  for (const node of workflow.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  const successors = new Map<string, Set<string>>();
  const link = (from: string, to: string): void => {
    if (!nodes.has(from) || !nodes.has(to)) return;
    let set = successors.get(from);
    if (set === undefined) successors.set(from, (set = new Set()));
    set.add(to);
  };
  for (const edge of workflow.edges) {
    if (!isControlEdge(edge.mode)) continue;
    push(outgoing, edge.from, edge);
    for (const target of edgeTargets(edge)) {
      push(incoming, target, edge);
      link(edge.from, target);
    }
  }
  for (const node of workflow.nodes) {
    if (node.onFailure?.node !== undefined) link(node.id, node.onFailure.node);
    if (node.onTimeout?.node !== undefined) link(node.id, node.onTimeout.node);
    for (const mode of node.failureModes) if (mode.goto !== undefined) link(node.id, mode.goto);
  }
  const graph: WorkflowGraph = {
    nodes,
    outgoing,
    incoming,
    successors: new Map([...successors].map(([id, set]) => [id, [...set]])),
  };
  cache.set(workflow, graph);
  return graph;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
