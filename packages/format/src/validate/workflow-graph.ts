import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { isControlEdge } from '../rules/edge-mode-traits.js';

/**
 * Adjacency over a workflow's control edges (dataflow excluded), built once per workflow object.
 * Successors are also kept as integer arrays (CSR) so that SCC and reachability stay fast at
 * 5,000 nodes / 10,000 edges.
 */
export interface WorkflowGraph {
  nodes: ReadonlyMap<string, WorkflowNode>;
  /** Control edges by source id (every edge, including ones to unknown targets). */
  outgoing: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Control edges by target id (edge.to, switch cases and default_to). */
  incoming: ReadonlyMap<string, readonly WorkflowEdge[]>;
  /** Node ids by integer index, and back. */
  ids: readonly string[];
  indexOf: ReadonlyMap<string, number>;
  /** Successors of node i are `successorList[successorStart[i] .. successorStart[i + 1])`: edge targets, on_failure/on_timeout nodes, failure-mode gotos. */
  successorStart: Int32Array;
  successorList: Int32Array;
}

/** Pure; every node an edge can lead to: `to`, switch case targets and `default_to`. */
export function edgeTargets(edge: WorkflowEdge): string[] {
  if (edge.cases === undefined && edge.defaultTo === undefined) return [edge.to];
  const targets = [edge.to];
  for (const c of edge.cases ?? []) if (!targets.includes(c.to)) targets.push(c.to);
  if (edge.defaultTo !== undefined && !targets.includes(edge.defaultTo)) targets.push(edge.defaultTo);
  return targets;
}

/** Pure; the successor ids of node `id` in `graph` (existing nodes only). */
export function successorsOf(graph: WorkflowGraph, id: string): string[] {
  const i = graph.indexOf.get(id);
  if (i === undefined) return [];
  const out: string[] = [];
  for (let k = graph.successorStart[i]!; k < graph.successorStart[i + 1]!; k++) out.push(graph.ids[graph.successorList[k]!]!);
  return out;
}

const cache = new WeakMap<Workflow, WorkflowGraph>();

/** Pure; the (cached) adjacency of `workflow`. Linear in nodes + edges. */
export function workflowGraph(workflow: Workflow): WorkflowGraph {
  const cached = cache.get(workflow);
  if (cached !== undefined) return cached;
  const nodes = new Map<string, WorkflowNode>();
  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  for (const node of workflow.nodes) {
    if (nodes.has(node.id)) continue;
    nodes.set(node.id, node);
    indexOf.set(node.id, ids.length);
    ids.push(node.id);
  }
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  const pairs: number[] = [];
  const link = (from: string, to: string): void => {
    const a = indexOf.get(from);
    const b = indexOf.get(to);
    if (a !== undefined && b !== undefined) pairs.push(a, b);
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
  const { start, list } = compress(ids.length, pairs);
  const graph: WorkflowGraph = { nodes, outgoing, incoming, ids, indexOf, successorStart: start, successorList: list };
  cache.set(workflow, graph);
  return graph;
}

/** Counting sort of (from, to) pairs into CSR form. Duplicates are harmless for SCC and BFS. */
function compress(n: number, pairs: number[]): { start: Int32Array; list: Int32Array } {
  const start = new Int32Array(n + 1);
  for (let k = 0; k < pairs.length; k += 2) start[pairs[k]! + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const fill = start.slice(0, n);
  const list = new Int32Array(pairs.length / 2);
  for (let k = 0; k < pairs.length; k += 2) list[fill[pairs[k]!]!++] = pairs[k + 1]!;
  return { start, list };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}
