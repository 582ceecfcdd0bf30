import type { Workflow } from '../model/workflow.js';
import { workflowGraph } from './workflow-graph.js';

/**
 * Pure; the nodes a run could start at when no `entry_point` is given: nodes with no incoming
 * control edge (self-loops aside; `loop` edges aside when nothing else qualifies, so a loop back to
 * the first step does not make it a middle step), and that no escalation path, failure mode or
 * on_failure/on_timeout names.
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
  // First count every incoming edge but self-loops; only when that leaves no start at all (a loop
  // back to the first step) ignore loop edges too. A for_each loop edge points forward, at the body.
  for (const ignoreLoops of [false, true]) {
    const candidates: string[] = [];
    for (const id of nodes.keys()) {
      if (escalationTargets.has(id)) continue;
      const into = incoming.get(id) ?? [];
      if (into.every((edge) => edge.from === id || (ignoreLoops && edge.mode === 'loop'))) candidates.push(id);
    }
    if (candidates.length > 0 || ignoreLoops) return candidates;
  }
  return [];
}

/** Pure; the explicit or resolved entry point if it names a node, else the single candidate, else undefined. */
export function resolveEntry(workflow: Workflow): string | undefined {
  const { nodes } = workflowGraph(workflow);
  if (workflow.entryPoint !== undefined) return nodes.has(workflow.entryPoint) ? workflow.entryPoint : undefined;
  const candidates = entryCandidates(workflow);
  return candidates.length === 1 ? candidates[0] : undefined;
}
