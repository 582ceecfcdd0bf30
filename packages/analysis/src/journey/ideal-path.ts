import { isControlEdge, isFailurePath, type Workflow } from '@sopflow/format';

/** One step of the ideal journey, in order. */
export interface IdealStep {
  id: string;
  name: string;
}

/**
 * Pure; the ideal journey's main path: from the entry node, along the first control edge out of
 * each node that is not a failure path (fallback, error, timeout, compensation), until a node has
 * none or the path would revisit a node.
 */
export function idealPath(workflow: Workflow): IdealStep[] {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const path: IdealStep[] = [];
  const seen = new Set<string>();
  let current: string | undefined = workflow.entryPoint ?? workflow.nodes[0]?.id;
  while (current !== undefined && !seen.has(current)) {
    const node = byId.get(current);
    if (node === undefined) break;
    seen.add(current);
    path.push({ id: node.id, name: node.name });
    current = workflow.edges.find((e) => e.from === current && isControlEdge(e.mode) && !isFailurePath(e.mode))?.to;
  }
  return path;
}
