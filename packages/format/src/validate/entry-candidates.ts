import type { Workflow } from '../model/workflow.js';
import { workflowGraph } from './workflow-graph.js';

/**
 * Pure; the nodes a run could start at when no `entry_point` is given: nodes with no incoming
 * control edge (self-loops and `when`-only loop back edges aside), and that no escalation path,
 * failure mode or on_failure/on_timeout names. The engine starts every one of them.
 */
export function entryCandidates(workflow: Workflow): string[] {
  const { nodes, incoming } = workflowGraph(workflow);
  const escalationTargets = new Set<string>();
  for (const path of workflow.escalationPaths) if (path.to !== undefined) escalationTargets.add(path.to);
  for (const mode of workflow.failureModes) if (mode.goto !== undefined) escalationTargets.add(mode.goto);
  for (const node of workflow.nodes) {
    if (node.onFailure?.node !== undefined) escalationTargets.add(node.onFailure.node);
    if (node.onTimeout?.node !== undefined) escalationTargets.add(node.onTimeout.node);
    for (const mode of node.failureModes) if (mode.goto !== undefined) escalationTargets.add(mode.goto);
  }
  // As the engine does: a `loop` edge with only `when` returns to an earlier step (a back edge),
  // while a `for_each` loop edge leads forward into its body.
  const candidates: string[] = [];
  for (const id of nodes.keys()) {
    if (escalationTargets.has(id)) continue;
    const into = incoming.get(id) ?? [];
    if (into.every((edge) => edge.from === id || (edge.mode === 'loop' && edge.forEach === undefined))) candidates.push(id);
  }
  return candidates;
}

/** Pure; the explicit or resolved entry point if it names a node, else the single candidate, else undefined. */
export function resolveEntry(workflow: Workflow): string | undefined {
  const { nodes } = workflowGraph(workflow);
  if (workflow.entryPoint !== undefined) return nodes.has(workflow.entryPoint) ? workflow.entryPoint : undefined;
  const candidates = entryCandidates(workflow);
  return candidates.length === 1 ? candidates[0] : undefined;
}
