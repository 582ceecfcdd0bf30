import { stringify } from 'yaml';
import type { Workflow, WorkflowEdge, WorkflowNode } from '../model/workflow.js';
import { DEFAULT_AUTH_LEVELS } from '../model/workflow.js';
import { defaultKind } from '../model/node-type.js';
import { resolveEntryPoint } from '../normalise/resolve-entry-point.js';
import { CANONICAL_YAML_OPTIONS } from './format-source.js';

type Out = Record<string, unknown>;

/**
 * Pure; writes a normalised workflow back as an edge-list `.osop` document (SOP-graph
 * `on_success` / node-naming `on_failure` / `on_timeout` become `edges[]`). Loading the result
 * gives the same graph. Used by the importer and analysis to write drafts.
 */
export function stringifyWorkflow(workflow: Workflow): string {
  return stringify(workflowDocument(workflow), { ...CANONICAL_YAML_OPTIONS, aliasDuplicateObjects: false });
}

/** Pure; the edge-list `.osop` document of a normalised workflow as plain data (what `stringifyWorkflow` writes). */
export function workflowDocument(workflow: Workflow): Record<string, unknown> {
  const doc: Out = {
    osop_version: workflow.osopVersion || '1.1',
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    version: workflow.version,
    owner: workflow.owner,
    tags: nonEmpty(workflow.tags),
    status: workflow.status,
    lifecycle: workflow.lifecycle,
    workstream: workflow.workstream,
    certification_status: workflow.certificationStatus,
    jurisdiction: nonEmpty(workflow.jurisdiction),
    roles: nonEmpty(workflow.roles),
    auth_levels: sameList(workflow.authLevels, DEFAULT_AUTH_LEVELS) ? undefined : workflow.authLevels,
    allowed_hosts: workflow.allowedHosts,
    timeout_sec: workflow.timeoutSec,
    triggers: nonEmpty(workflow.triggers),
    trigger_conditions: workflow.triggerConditions,
    variables: workflow.variables,
    inputs: nonEmpty(workflow.inputs.map(ioSpecOut)),
    // Written only when it cannot be inferred from the edges.
    entry_point: resolveEntryPoint(undefined, workflow.nodes, workflow.edges) === workflow.entryPoint ? undefined : workflow.entryPoint,
    exit_conditions: nonEmpty(workflow.exitConditions.map((c) => clean({ ...c }))),
    escalation_paths: nonEmpty(workflow.escalationPaths.map((p) => clean({ ...p }))),
    failure_modes: nonEmpty(workflow.failureModes.map((m) => clean({ ...m }))),
    audit_requirements: nonEmpty(workflow.auditRequirements.map((a) => clean({ ...a }))),
    ...workflow.extra,
    nodes: workflow.nodes.map(nodeOut),
    edges: workflow.edges.map(edgeOut),
  };
  return clean(doc);
}

function nodeOut(node: WorkflowNode): Out {
  const security = node.extra.security as Out | undefined;
  return clean({
    id: node.id,
    type: node.type,
    kind: node.kind === defaultKind(node.type) ? undefined : node.kind,
    name: node.name === node.id ? undefined : node.name,
    purpose: node.purpose,
    description: node.description,
    subtype: node.subtype,
    role: node.role,
    inputs: nonEmpty(node.inputs.map(ioSpecOut)),
    outputs: nonEmpty(node.outputs.map(ioSpecOut)),
    runtime: node.runtime,
    retry_policy: node.retryPolicy && clean({
      max_retries: node.retryPolicy.maxRetries, strategy: node.retryPolicy.strategy, backoff_sec: node.retryPolicy.backoffSec,
      max_backoff_sec: node.retryPolicy.maxBackoffSec, non_retryable: node.retryPolicy.nonRetryable,
    }),
    timeout_sec: node.timeoutSec,
    idempotent: node.idempotent,
    confidence_requirement: node.confidenceRequirement,
    human_auth_required: node.humanAuthRequired,
    auth_level: node.authLevel,
    audit_level: node.auditLevel,
    delegation_state: node.delegationState,
    approval_gate: node.approvalGate && clean({
      required: node.approvalGate.required, approver_role: node.approvalGate.approverRole, approvers: node.approvalGate.approvers,
      timeout_hours: node.approvalGate.timeoutHours, bypass_allowed: node.approvalGate.bypassAllowed,
    }),
    risk_level: security?.risk_level === undefined ? node.riskLevel : undefined,
    failure_modes: nonEmpty(node.failureModes.map((m) => clean({ ...m }))),
    sla: node.sla && clean({ due_sec: node.sla.dueSec, description: node.sla.description }),
    // Node targets are written as edges; only role escalations stay on the node.
    on_failure: node.onFailure?.node === undefined && node.onFailure ? clean({ role: node.onFailure.role, reason: node.onFailure.reason }) : undefined,
    on_timeout: node.onTimeout?.node === undefined && node.onTimeout ? clean({ role: node.onTimeout.role, reason: node.onTimeout.reason }) : undefined,
    workflow_ref: node.workflowRef,
    workflow_inputs: node.workflowInputs,
    spawn_policy: node.spawnPolicy && clean({
      max_children: node.spawnPolicy.maxChildren, child_tools: node.spawnPolicy.childTools, can_spawn_children: node.spawnPolicy.canSpawnChildren,
    }),
    form: node.form,
    sequence_order: node.sequenceOrder,
    ...node.extra,
  });
}

function edgeOut(edge: WorkflowEdge): Out {
  return clean({
    from: edge.from,
    to: edge.to,
    mode: edge.mode === 'sequential' ? undefined : edge.mode,
    when: edge.when,
    label: edge.label,
    for_each: edge.forEach,
    iterator_var: edge.iteratorVar,
    max_iterations: edge.maxIterations,
    join_mode: edge.joinMode,
    join_count: edge.joinCount,
    cases: edge.cases?.map((c) => ({ value: c.value, to: c.to })),
    default_to: edge.defaultTo,
    error_codes: edge.errorCodes,
    event: edge.event,
    weight: edge.weight,
    spawn_count: edge.spawnCount,
    ...edge.extra,
  });
}

function ioSpecOut(spec: Workflow['inputs'][number]): unknown {
  const { name, ...rest } = spec;
  return Object.keys(rest).length === 0 ? name : clean({ name, ...rest });
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length === 0 ? undefined : list;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function clean(value: Out): Out {
  for (const key of Object.keys(value)) if (value[key] === undefined) delete value[key];
  return value;
}
