/**
 * Test-only: a Workflow from a few fields (the rest defaulted as the format layer would), so the
 * analysis tests can state small hand-made processes in a few lines.
 */
import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import { DEFAULT_AUTH_LEVELS, defaultKind } from '@sopflow/format';

export type NodeSpec = Partial<WorkflowNode> & { id: string };
export type EdgeSpec = Partial<WorkflowEdge> & { from: string; to: string };

export function buildWorkflow(spec: Partial<Omit<Workflow, 'nodes' | 'edges'>> & { nodes: NodeSpec[]; edges?: EdgeSpec[] }): Workflow {
  const { nodes, edges = [], ...rest } = spec;
  return {
    style: 'edge-list', osopVersion: '1.0', id: 'wf', name: 'Test workflow', tags: [], roles: [], exitConditions: [],
    escalationPaths: [], failureModes: [], auditRequirements: [], triggers: [], jurisdiction: [],
    authLevels: [...DEFAULT_AUTH_LEVELS], inputs: [], extra: {},
    entryPoint: nodes[0]?.id,
    ...rest,
    nodes: nodes.map((n, i) => ({
      type: 'system', kind: defaultKind(n.type ?? 'system'), name: n.id, inputs: [], outputs: [], failureModes: [],
      path: ['nodes', i], extra: {}, ...n,
    })),
    edges: edges.map((e, j) => ({ mode: 'sequential', origin: 'edges', path: ['edges', j], extra: {}, ...e })),
  };
}

/** A chain a → b → c ... of sequential edges. */
export function chain(...ids: string[]): EdgeSpec[] {
  return ids.slice(1).map((to, i) => ({ from: ids[i], to }));
}
