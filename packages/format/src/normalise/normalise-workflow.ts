import type { Diagnostic } from '../model/diagnostic.js';
import {
  DEFAULT_AUTH_LEVELS, type AuditLevel, type AuditRequirement, type CertificationStatus, type EscalationPath, type ExitCondition,
  type Lifecycle, type Trigger, type Workflow, type WorkflowEdge, type WorkflowNode,
} from '../model/workflow.js';
import type { SourceDocument } from '../parse/parse-source.js';
import { normaliseEdge } from './normalise-edge.js';
import { failureModes, ioSpecs, normaliseNode } from './normalise-node.js';
import { parseDuration } from './parse-duration.js';
import { asArray, asNumber, asString, asStrings, compact, extraKeys, isObject } from './read-fields.js';
import { resolveEntryPoint } from './resolve-entry-point.js';
import { sopGraphEdges } from './sop-graph-edges.js';
import { restoreSopflowExtensions } from '../serialise/restore-sopflow-extensions.js';

const INTERPRETED = new Set([
  'osop_version', 'id', 'name', 'description', 'version', 'owner', 'tags', 'status', 'roles', 'nodes', 'edges', 'entry_point',
  'exit_conditions', 'escalation_paths', 'failure_modes', 'audit_requirements', 'trigger_conditions', 'triggers',
  'certification_status', 'jurisdiction', 'lifecycle', 'workstream', 'auth_levels', 'allowed_hosts', 'timeout_sec', 'timeout', 'variables', 'inputs',
]);
const SOP_GRAPH_FIELDS = ['on_success', 'next', 'on_failure', 'on_timeout'];

export interface NormaliseResult {
  workflow?: Workflow;
  diagnostics: Diagnostic[];
}

/**
 * Pure; turns a parsed workflow document (either OSOP style) into the one graph model. Meant for
 * documents that passed the sopflow schema, but never throws on others: what it cannot read it
 * skips. Every node and edge keeps its `path` into the document for later diagnostics.
 */
export function normaliseWorkflow(source: SourceDocument): NormaliseResult {
  const raw = restoreSopflowExtensions(source.data);
  if (!isObject(raw)) return { diagnostics: [] };
  const rawNodes = asArray(raw.nodes);
  const nodeIds = new Set(rawNodes.filter(isObject).map((n) => asString(n.id)).filter((id): id is string => id !== undefined));

  const nodes: WorkflowNode[] = [];
  const graphEdges: WorkflowEdge[] = [];
  let usesSopGraph = false;
  rawNodes.forEach((rawNode, index) => {
    if (!isObject(rawNode)) return;
    const node = normaliseNode(rawNode, ['nodes', index], nodeIds);
    nodes.push(node);
    if (SOP_GRAPH_FIELDS.some((field) => rawNode[field] !== undefined)) usesSopGraph = true;
    graphEdges.push(...sopGraphEdges(rawNode, node, index));
  });

  const listEdges: WorkflowEdge[] = [];
  asArray(raw.edges).forEach((rawEdge, index) => {
    if (isObject(rawEdge)) listEdges.push(normaliseEdge(rawEdge, ['edges', index]));
  });
  const edges = [...listEdges, ...withoutDuplicates(graphEdges, listEdges)];
  const style = listEdges.length === 0 && usesSopGraph ? 'sop-graph' : 'edge-list';

  const workflow = compact<Workflow>({
    style,
    osopVersion: asString(raw.osop_version) ?? '',
    id: asString(raw.id) ?? '',
    name: asString(raw.name) ?? asString(raw.id) ?? '',
    description: asString(raw.description),
    version: asString(raw.version),
    owner: asString(raw.owner),
    tags: asStrings(raw.tags),
    status: asString(raw.status),
    roles: asStrings(raw.roles),
    nodes,
    edges,
    entryPoint: resolveEntryPoint(asString(raw.entry_point), nodes, edges),
    exitConditions: exitConditions(raw.exit_conditions, nodeIds),
    escalationPaths: escalationPaths(raw.escalation_paths, nodeIds),
    failureModes: failureModes(raw.failure_modes),
    auditRequirements: auditRequirements(raw.audit_requirements),
    triggerConditions: raw.trigger_conditions,
    triggers: asArray(raw.triggers).filter(isObject).map((t) => compact<Trigger>({ type: asString(t.type) ?? 'manual', config: isObject(t.config) ? t.config : undefined })),
    certificationStatus: asString(raw.certification_status) as CertificationStatus | undefined,
    jurisdiction: asStrings(raw.jurisdiction),
    lifecycle: asString(raw.lifecycle) as Lifecycle | undefined,
    workstream: asString(raw.workstream),
    authLevels: Array.isArray(raw.auth_levels) ? asStrings(raw.auth_levels) : [...DEFAULT_AUTH_LEVELS],
    allowedHosts: Array.isArray(raw.allowed_hosts) ? asStrings(raw.allowed_hosts) : undefined,
    timeoutSec: asNumber(raw.timeout_sec) ?? parseDuration(raw.timeout),
    variables: isObject(raw.variables) ? raw.variables : undefined,
    inputs: ioSpecs(raw.inputs),
    extra: extraKeys(raw, INTERPRETED),
  });
  return { workflow, diagnostics: [] };
}

/** SOP-graph edges that repeat an `edges[]` entry (same from, to and mode) are dropped. */
function withoutDuplicates(graphEdges: WorkflowEdge[], listEdges: WorkflowEdge[]): WorkflowEdge[] {
  const seen = new Set(listEdges.map((e) => `${e.from}\u0000${e.to}\u0000${e.mode}`));
  return graphEdges.filter((e) => {
    const key = `${e.from}\u0000${e.to}\u0000${e.mode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function exitConditions(value: unknown, nodeIds: ReadonlySet<string>): ExitCondition[] {
  return asArray(value).flatMap((item): ExitCondition[] => {
    if (typeof item === 'string') return [nodeIds.has(item) ? { node: item } : { description: item }];
    if (!isObject(item)) return [];
    return [compact<ExitCondition>({ id: asString(item.id), node: asString(item.node), when: asString(item.when), outcome: asString(item.outcome), description: asString(item.description) })];
  });
}

function escalationPaths(value: unknown, nodeIds: ReadonlySet<string>): EscalationPath[] {
  const entries: [string | undefined, unknown][] = Array.isArray(value)
    ? value.map((item) => [undefined, item])
    : isObject(value) ? Object.entries(value) : [];
  return entries.flatMap(([key, item], index): EscalationPath[] => {
    const id = key ?? `escalation-${index + 1}`;
    if (typeof item === 'string') return [nodeIds.has(item) ? { id, to: item } : { id, role: item }];
    if (!isObject(item)) return [];
    return [compact<EscalationPath>({ id: asString(item.id) ?? id, to: asString(item.to), role: asString(item.role), description: asString(item.description) })];
  });
}

function auditRequirements(value: unknown): AuditRequirement[] {
  return asArray(value).flatMap((item): AuditRequirement[] => {
    if (typeof item === 'string') return [{ description: item }];
    if (!isObject(item)) return [];
    return [compact<AuditRequirement>({ id: asString(item.id), description: asString(item.description), level: asString(item.level) as AuditLevel | undefined })];
  });
}
