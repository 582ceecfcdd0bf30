import { edgeModeTraits } from '@sopflow/format';
import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import { findWaitingJoins } from './find-waiting-joins.js';

/** A workflow's graph prepared for decide: nodes by id, forward edges both ways, undo steps. */
export interface WorkflowIndex {
  workflow: Workflow;
  nodes: Map<string, WorkflowNode>;
  /** Outgoing edges by node, switch edges expanded to one edge per target. */
  outgoing: Map<string, WorkflowEdge[]>;
  /** Incoming edges that carry control forward (no loop back-edges, compensation or dataflow). */
  incoming: Map<string, WorkflowEdge[]>;
  /** Incoming dataflow edges (data only). */
  dataIn: Map<string, WorkflowEdge[]>;
  /** node → the steps that undo it. */
  undo: Map<string, string[]>;
  entries: string[];
  /** Nodes that wait for several branches (AND-joins); other nodes with several sources are XOR-merges. */
  waitingJoins: Set<string>;
}

const cache = new WeakMap<Workflow, WorkflowIndex>();

/** Pure and cached per workflow object. */
export function indexWorkflow(workflow: Workflow): WorkflowIndex {
  const cached = cache.get(workflow);
  if (cached !== undefined) return cached;
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const outgoing = new Map<string, WorkflowEdge[]>();
  const incoming = new Map<string, WorkflowEdge[]>();
  const dataIn = new Map<string, WorkflowEdge[]>();
  const undo = new Map<string, string[]>();
  const push = (map: Map<string, WorkflowEdge[]>, key: string, edge: WorkflowEdge) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [edge]);
    else list.push(edge);
  };
  for (const edge of workflow.edges) {
    if (!nodes.has(edge.from)) continue;
    const traits = edgeModeTraits(edge.mode);
    if (traits.undo) {
      undo.set(edge.from, [...(undo.get(edge.from) ?? []), edge.to]);
      continue;
    }
    if (!traits.control) {
      push(dataIn, edge.to, edge);
      continue;
    }
    for (const expanded of expandSwitch(edge)) {
      if (!nodes.has(expanded.to)) continue;
      push(outgoing, expanded.from, expanded);
      if (!isBackEdge(expanded)) push(incoming, expanded.to, expanded);
    }
  }
  const undoSteps = new Set([...undo.values()].flat());
  const entries = workflow.entryPoint !== undefined && nodes.has(workflow.entryPoint)
    ? [workflow.entryPoint]
    : workflow.nodes.filter((n) => !incoming.has(n.id) && !undoSteps.has(n.id)).map((n) => n.id);
  const index = { workflow, nodes, outgoing, incoming, dataIn, undo, entries, waitingJoins: findWaitingJoins(outgoing, incoming) };
  cache.set(workflow, index);
  return index;
}

/** A `loop` edge with only `when` returns to an earlier step; a `for_each` loop leads forward into its body. */
export function isBackEdge(edge: WorkflowEdge): boolean {
  return edgeModeTraits(edge.mode).loop && edge.forEach === undefined;
}

/** A key naming an edge in state (loop counts, for_each progress). */
export function edgeKey(edge: WorkflowEdge): string {
  return `${edge.from}->${edge.to}`;
}

function expandSwitch(edge: WorkflowEdge): WorkflowEdge[] {
  if (edge.mode !== 'switch') return [edge];
  const targets = new Set<string>();
  for (const c of edge.cases ?? []) targets.add(c.to);
  if (edge.defaultTo !== undefined) targets.add(edge.defaultTo);
  targets.add(edge.to);
  return [...targets].map((to) => ({ ...edge, to, extra: { ...edge.extra, switchTo: edge.to } }));
}
