import type { DocumentPath } from '../model/diagnostic.js';
import { defaultKind, isNodeKind, isNodeType, type NodeKind, type NodeType } from '../model/node-type.js';
import type {
  ApprovalGate, AuditLevel, DelegationState, EscalationTarget, FailureMode, IoSpec, RetryPolicy, Runtime, Sla, WorkflowNode,
} from '../model/workflow.js';
import { parseDuration } from './parse-duration.js';
import { asArray, asBoolean, asNumber, asString, asStrings, compact, extraKeys, isObject, type RawObject } from './read-fields.js';

const INTERPRETED = new Set([
  'id', 'type', 'kind', 'name', 'subtype', 'purpose', 'description', 'role', 'inputs', 'outputs', 'runtime', 'retry_policy',
  'timeout_sec', 'timeout', 'idempotent', 'idempotency', 'confidence_requirement', 'human_auth_required', 'auth_level',
  'audit_level', 'delegation_state', 'approval_gate', 'risk_level', 'failure_modes', 'sla', 'on_failure', 'on_timeout',
  'on_success', 'next', 'workflow_ref', 'workflow_inputs', 'spawn_policy', 'form', 'sequence_order',
]);

/** Pure; one raw node (either OSOP style) as a WorkflowNode. `nodeIds` tells escalation targets naming a node from roles. */
export function normaliseNode(raw: RawObject, path: DocumentPath, nodeIds: ReadonlySet<string>): WorkflowNode {
  const { type, kind } = typeAndKind(raw);
  const security = isObject(raw.security) ? raw.security : undefined;
  const risk = asString(security?.risk_level) ?? asString(raw.risk_level);
  const id = asString(raw.id) ?? '';
  return compact<WorkflowNode>({
    id, type, kind,
    name: asString(raw.name) ?? id,
    subtype: asString(raw.subtype),
    purpose: asString(raw.purpose),
    description: asString(raw.description),
    role: asString(raw.role),
    inputs: ioSpecs(raw.inputs),
    outputs: ioSpecs(raw.outputs),
    runtime: isObject(raw.runtime) ? (raw.runtime as Runtime) : undefined,
    retryPolicy: retryPolicy(raw.retry_policy),
    timeoutSec: asNumber(raw.timeout_sec) ?? parseDuration(raw.timeout),
    idempotent: asBoolean(raw.idempotent) ?? (isObject(raw.idempotency) ? asBoolean(raw.idempotency.enabled) : undefined),
    confidenceRequirement: asNumber(raw.confidence_requirement),
    humanAuthRequired: asBoolean(raw.human_auth_required),
    authLevel: asString(raw.auth_level),
    auditLevel: asString(raw.audit_level) as AuditLevel | undefined,
    delegationState: asString(raw.delegation_state) as DelegationState | undefined,
    approvalGate: approvalGate(raw.approval_gate),
    riskLevel: risk?.toLowerCase(),
    failureModes: failureModes(raw.failure_modes),
    sla: sla(raw.sla),
    onFailure: escalationTarget(raw.on_failure, nodeIds),
    onTimeout: escalationTarget(raw.on_timeout, nodeIds),
    workflowRef: asString(raw.workflow_ref),
    workflowInputs: isObject(raw.workflow_inputs) ? raw.workflow_inputs : undefined,
    spawnPolicy: isObject(raw.spawn_policy) ? compact({
      maxChildren: asNumber(raw.spawn_policy.max_children),
      childTools: Array.isArray(raw.spawn_policy.child_tools) ? asStrings(raw.spawn_policy.child_tools) : undefined,
      canSpawnChildren: asBoolean(raw.spawn_policy.can_spawn_children),
    }) : undefined,
    form: isObject(raw.form) ? raw.form : undefined,
    sequenceOrder: asNumber(raw.sequence_order),
    path,
    extra: extraKeys(raw, INTERPRETED),
  });
}

/** `type` may hold a type or (SOP-graph style) a kind in any case; `kind` may be given in any case. */
function typeAndKind(raw: RawObject): { type: NodeType; kind: NodeKind } {
  const rawType = asString(raw.type);
  const rawKind = asString(raw.kind)?.toLowerCase();
  const typeAsKind = rawType?.toLowerCase();
  const kindGiven = isNodeKind(rawKind) ? rawKind : !isNodeType(rawType) && isNodeKind(typeAsKind) ? typeAsKind : undefined;
  const type: NodeType = isNodeType(rawType) ? rawType : kindGiven === 'action_digital' ? 'system' : 'human';
  return { type, kind: kindGiven ?? defaultKind(type) };
}

export function ioSpecs(value: unknown): IoSpec[] {
  const specs: IoSpec[] = [];
  for (const item of asArray(value)) {
    if (typeof item === 'string') specs.push({ name: item });
    else if (isObject(item) && typeof item.name === 'string') {
      specs.push(compact<IoSpec>({
        name: item.name, description: asString(item.description), required: asBoolean(item.required),
        schema: item.schema, type: asString(item.type),
      }));
    }
  }
  return specs;
}

function retryPolicy(value: unknown): RetryPolicy | undefined {
  if (!isObject(value)) return undefined;
  return compact<RetryPolicy>({
    maxRetries: asNumber(value.max_retries) ?? 0,
    strategy: value.strategy === 'exponential_backoff' ? 'exponential_backoff' : 'fixed',
    backoffSec: asNumber(value.backoff_sec) ?? 0,
    maxBackoffSec: asNumber(value.max_backoff_sec),
    nonRetryable: Array.isArray(value.non_retryable) ? asStrings(value.non_retryable) : undefined,
  });
}

function approvalGate(value: unknown): ApprovalGate | undefined {
  if (typeof value === 'boolean') return { required: value };
  if (!isObject(value)) return undefined;
  return compact<ApprovalGate>({
    // An approval_gate object with no `required` still declares a gate.
    required: asBoolean(value.required) ?? asBoolean(value.mandatory) ?? true,
    approverRole: asString(value.approver_role),
    approvers: Array.isArray(value.approvers) ? asStrings(value.approvers) : undefined,
    timeoutHours: asNumber(value.timeout_hours),
    bypassAllowed: asBoolean(value.bypass_allowed),
  });
}

export function failureModes(value: unknown): FailureMode[] {
  const modes: FailureMode[] = [];
  for (const item of asArray(value)) {
    if (typeof item === 'string') modes.push({ description: item });
    else if (isObject(item)) {
      modes.push(compact<FailureMode>({
        id: asString(item.id), code: asString(item.code), description: asString(item.description),
        goto: asString(item.goto), mitigation: asString(item.mitigation),
      }));
    }
  }
  return modes;
}

function sla(value: unknown): Sla | undefined {
  if (typeof value === 'number' || typeof value === 'string') {
    const dueSec = parseDuration(value);
    return dueSec === undefined ? undefined : { dueSec };
  }
  if (!isObject(value)) return undefined;
  return compact<Sla>({ dueSec: asNumber(value.due_sec) ?? parseDuration(value.due), description: asString(value.description) });
}

/** A string names a node when one has that id, otherwise a role. */
export function escalationTarget(value: unknown, nodeIds: ReadonlySet<string>): EscalationTarget | undefined {
  if (typeof value === 'string') return nodeIds.has(value) ? { node: value } : { role: value };
  if (!isObject(value)) return undefined;
  const to = asString(value.to);
  return compact<EscalationTarget>({
    node: asString(value.node) ?? (to !== undefined && nodeIds.has(to) ? to : undefined),
    role: asString(value.role) ?? (to !== undefined && !nodeIds.has(to) ? to : undefined),
    reason: asString(value.reason),
  });
}
