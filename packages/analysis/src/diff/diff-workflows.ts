import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import { matchNodes } from './match-nodes.js';
import type { SemanticChange } from './semantic-summary.js';
import { summariseWorkflowChanges } from './semantic-summary.js';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface NodeRef {
  id: string;
  name: string;
  type: string;
}

export interface EdgeRef {
  from: string;
  to: string;
  mode: string;
  when?: string;
}

export interface WorkflowDiff {
  kind: 'workflow';
  a: { id: string; version?: string };
  b: { id: string; version?: string };
  workflowFields: FieldChange[];
  nodes: {
    added: NodeRef[];
    removed: NodeRef[];
    renamed: { from: string; to: string; score: number }[];
    changed: { id: string; previousId?: string; fields: FieldChange[] }[];
  };
  edges: { added: EdgeRef[]; removed: EdgeRef[]; changed: { from: string; to: string; fields: FieldChange[] }[] };
  summary: SemanticChange[];
}

const NODE_FIELDS: readonly (keyof WorkflowNode)[] = [
  'name', 'type', 'kind', 'role', 'description', 'purpose', 'timeoutSec', 'humanAuthRequired', 'authLevel', 'approvalGate',
  'riskLevel', 'delegationState', 'confidenceRequirement', 'auditLevel', 'retryPolicy', 'sla', 'runtime', 'onFailure',
  'onTimeout', 'workflowRef', 'idempotent', 'inputs', 'outputs',
];
const EDGE_FIELDS: readonly (keyof WorkflowEdge)[] = ['mode', 'when', 'label', 'forEach', 'maxIterations', 'joinMode', 'joinCount', 'cases', 'defaultTo', 'errorCodes', 'event', 'weight'];
const WORKFLOW_FIELDS: readonly (keyof Workflow)[] = ['name', 'version', 'status', 'lifecycle', 'certificationStatus', 'owner', 'timeoutSec', 'roles', 'entryPoint', 'jurisdiction'];

/**
 * Pure; what changed from version `a` to version `b` of a process: nodes matched by id, then by
 * similarity (renames); added/removed/changed nodes, edges and fields; and a semantic summary
 * ("approval gate removed from a high-risk step", "step moved from human to agent", ...).
 */
export function diffWorkflows(a: Workflow, b: Workflow): WorkflowDiff {
  const matching = matchNodes(a.nodes, b.nodes);
  const renameToB = new Map(matching.matched.map((m) => [m.a.id, m.b.id]));
  const changed = matching.matched
    .map((m) => ({ id: m.b.id, previousId: m.by === 'id' ? undefined : m.a.id, fields: compareFields(m.a, m.b, NODE_FIELDS) }))
    .filter((c) => c.fields.length > 0)
    .map((c) => (c.previousId === undefined ? { id: c.id, fields: c.fields } : c));
  const keyOf = (e: WorkflowEdge, map?: Map<string, string>): string => `${map?.get(e.from) ?? e.from}\u0000${map?.get(e.to) ?? e.to}`;
  const aEdges = groupEdges(a.edges, (e) => keyOf(e, renameToB));
  const bEdges = groupEdges(b.edges, (e) => keyOf(e));
  const edgeRef = (e: WorkflowEdge, map?: Map<string, string>): EdgeRef => clean({ from: map?.get(e.from) ?? e.from, to: map?.get(e.to) ?? e.to, mode: e.mode, when: e.when });
  const edges: WorkflowDiff['edges'] = { added: [], removed: [], changed: [] };
  for (const [key, list] of aEdges) {
    const other = bEdges.get(key) ?? [];
    list.forEach((e, i) => {
      const f = other[i];
      if (f === undefined) edges.removed.push(edgeRef(e, renameToB));
      else {
        const fields = compareFields(e, f, EDGE_FIELDS);
        if (fields.length > 0) edges.changed.push({ from: f.from, to: f.to, fields });
      }
    });
  }
  for (const [key, list] of bEdges) {
    const count = aEdges.get(key)?.length ?? 0;
    list.slice(count).forEach((e) => edges.added.push(edgeRef(e)));
  }
  const ref = (n: WorkflowNode): NodeRef => ({ id: n.id, name: n.name, type: n.type });
  const diff: WorkflowDiff = {
    kind: 'workflow',
    a: clean({ id: a.id, version: a.version }),
    b: clean({ id: b.id, version: b.version }),
    workflowFields: compareFields(a, b, WORKFLOW_FIELDS),
    nodes: {
      added: matching.added.map(ref),
      removed: matching.removed.map(ref),
      renamed: matching.matched.filter((m) => m.by === 'similarity').map((m) => ({ from: m.a.id, to: m.b.id, score: m.score })),
      changed,
    },
    edges,
    summary: [],
  };
  diff.summary = summariseWorkflowChanges(a, b, matching, diff);
  return diff;
}

function compareFields<T extends object>(x: T, y: T, fields: readonly (keyof T)[]): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of fields) {
    const before = x[field];
    const after = y[field];
    if (stable(before) !== stable(after)) out.push({ field: String(field), before, after });
  }
  return out;
}

/** JSON with sorted keys, so that key order never counts as a change; empty arrays equal absent. */
function stable(value: unknown): string {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return '';
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([p], [q]) => p.localeCompare(q)))
    : v));
}

function groupEdges(edges: readonly WorkflowEdge[], key: (e: WorkflowEdge) => string): Map<string, WorkflowEdge[]> {
  const map = new Map<string, WorkflowEdge[]>();
  for (const e of edges) map.set(key(e), [...(map.get(key(e)) ?? []), e]);
  return map;
}

function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
