import { isControlEdge } from '../rules/edge-mode-traits.js';
import type { Workflow, WorkflowNode } from '../model/workflow.js';

/**
 * Pure; the nodes in reading order: breadth-first from the entry point (or the nodes nobody
 * points at) following edges and escalations, then any node left over in document order.
 * Duplicate ids keep their first node.
 */
export function stepOrder(workflow: Workflow): WorkflowNode[] {
  const byId = new Map<string, WorkflowNode>();
  for (const node of workflow.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  const next = new Map<string, string[]>();
  const hasIncoming = new Set<string>();
  const add = (from: string, to: string | undefined): void => {
    if (to === undefined || !byId.has(to) || from === to) return;
    const list = next.get(from);
    if (list === undefined) next.set(from, [to]);
    else list.push(to);
    hasIncoming.add(to);
  };
  for (const edge of workflow.edges) {
    if (!isControlEdge(edge.mode)) continue;
    add(edge.from, edge.to);
    for (const c of edge.cases ?? []) add(edge.from, c.to);
    add(edge.from, edge.defaultTo);
  }
  for (const node of workflow.nodes) {
    add(node.id, node.onFailure?.node);
    add(node.id, node.onTimeout?.node);
  }
  const starts = workflow.entryPoint !== undefined && byId.has(workflow.entryPoint)
    ? [workflow.entryPoint]
    : [...byId.keys()].filter((id) => !hasIncoming.has(id));
  const seen = new Set<string>(starts);
  const order = [...starts];
  for (let i = 0; i < order.length; i++) {
    for (const to of next.get(order[i]!) ?? []) {
      if (!seen.has(to)) {
        seen.add(to);
        order.push(to);
      }
    }
  }
  for (const id of byId.keys()) if (!seen.has(id)) order.push(id);
  return order.map((id) => byId.get(id)!);
}
