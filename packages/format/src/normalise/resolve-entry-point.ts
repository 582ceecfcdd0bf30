import type { WorkflowEdge, WorkflowNode } from '../model/workflow.js';

// Edges that do not make their target "reachable from elsewhere" for entry-point purposes.
const NOT_INCOMING = new Set<WorkflowEdge['mode']>(['dataflow', 'loop', 'compensation']);

/**
 * Pure; the node a run starts at: the explicit `entry_point` (kept even if it names no node, so
 * the rules can report it), else the only node without an incoming control edge, else undefined
 * (none or several candidates: the entry-point rule reports that).
 */
export function resolveEntryPoint(explicit: string | undefined, nodes: readonly WorkflowNode[], edges: readonly WorkflowEdge[]): string | undefined {
  if (explicit !== undefined) return explicit;
  if (nodes.length === 1) return nodes[0].id;
  const targets = new Set<string>();
  for (const edge of edges) {
    if (NOT_INCOMING.has(edge.mode) || edge.from === edge.to) continue;
    targets.add(edge.to);
    if (edge.mode === 'switch') {
      for (const c of edge.cases ?? []) targets.add(c.to);
      if (edge.defaultTo !== undefined) targets.add(edge.defaultTo);
    }
  }
  const candidates = nodes.filter((node) => !targets.has(node.id));
  return candidates.length === 1 ? candidates[0].id : undefined;
}
