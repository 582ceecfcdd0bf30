import type { WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { asString, isObject, type RawObject } from './read-fields.js';

/**
 * Pure; the edges a SOP-graph node declares: `on_success` / `next` (a node id → sequential; several
 * ids → parallel fan-out; branches with `when` → conditional), `on_failure` naming a node → an
 * error edge, `on_timeout` naming a node → a timeout edge, and `failure_modes[].goto` → an error
 * edge catching that failure's code.
 */
export function sopGraphEdges(raw: RawObject, node: WorkflowNode, nodeIndex: number): WorkflowEdge[] {
  const edges: WorkflowEdge[] = [];
  const base = ['nodes', nodeIndex] as const;
  for (const field of ['on_success', 'next'] as const) {
    const value = raw[field];
    if (typeof value === 'string') {
      edges.push(edge(node.id, value, 'sequential', field, [...base, field]));
    } else if (Array.isArray(value)) {
      const hasConditions = value.some((b) => isObject(b) && (typeof b.when === 'string' || typeof b.condition === 'string'));
      value.forEach((branch, index) => {
        const path = [...base, field, index];
        if (typeof branch === 'string') {
          edges.push(edge(node.id, branch, hasConditions ? 'sequential' : value.length > 1 ? 'parallel' : 'sequential', field, path));
        } else if (isObject(branch) && typeof branch.to === 'string') {
          const when = asString(branch.when) ?? asString(branch.condition);
          const made = edge(node.id, branch.to, when !== undefined ? 'conditional' : hasConditions ? 'sequential' : value.length > 1 ? 'parallel' : 'sequential', field, path);
          if (when !== undefined) made.when = when;
          const label = asString(branch.label);
          if (label !== undefined) made.label = label;
          edges.push(made);
        }
      });
    }
  }
  if (node.onFailure?.node !== undefined) edges.push(edge(node.id, node.onFailure.node, 'error', 'on_failure', [...base, 'on_failure']));
  if (node.onTimeout?.node !== undefined) edges.push(edge(node.id, node.onTimeout.node, 'timeout', 'on_timeout', [...base, 'on_timeout']));
  node.failureModes.forEach((mode, index) => {
    if (mode.goto === undefined) return;
    const made = edge(node.id, mode.goto, 'error', 'on_failure', [...base, 'failure_modes', index, 'goto']);
    const code = mode.code ?? mode.id;
    if (code !== undefined) made.errorCodes = [code];
    edges.push(made);
  });
  return edges;
}

function edge(from: string, to: string, mode: WorkflowEdge['mode'], origin: WorkflowEdge['origin'], path: WorkflowEdge['path']): WorkflowEdge {
  return { from, to, mode, origin, path, extra: {} };
}
