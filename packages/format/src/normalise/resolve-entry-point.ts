import type { WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';

/**
 * Pure; the node a run starts at: the explicit `entry_point` (kept even if it names no node, so
 * the rules can report it), else the only node without an incoming control edge (when every
 * node has one, loop / fallback / error / timeout edges are ignored, so "re-plan after a failed
 * review" does not hide the first step), else undefined: the entry-point rules report that.
 */
export function resolveEntryPoint(explicit: string | undefined, nodes: readonly WorkflowNode[], edges: readonly WorkflowEdge[]): string | undefined {
  if (explicit !== undefined) return explicit;
  if (nodes.length === 1) return nodes[0].id;
  for (const ignoreBackEdges of [false, true]) {
    const targets = new Set<string>();
    for (const edge of edges) {
      const traits = edgeModeTraits(edge.mode);
      // Data-only and undo edges never make their target a middle step; edges that usually point back
      // (retry, re-plan, recover) are ignored only when nothing else qualifies.
      if (!traits.control || traits.undo || edge.from === edge.to || (ignoreBackEdges && traits.mayPointBack)) continue;
      targets.add(edge.to);
      if (edge.mode === 'switch') {
        for (const c of edge.cases ?? []) targets.add(c.to);
        if (edge.defaultTo !== undefined) targets.add(edge.defaultTo);
      }
    }
    const candidates = nodes.filter((node) => !targets.has(node.id));
    if (candidates.length > 0) return candidates.length === 1 ? candidates[0].id : undefined;
  }
  return undefined;
}
