import type { DocumentPath } from './diagnostic.js';
import type { EdgeMode, JoinMode } from './edge-mode.js';
import type { NodeKind, NodeType } from './node-type.js';

/**
 * The one internal graph model. Documents in the OSOP edge-list style and in the "SOP graph"
 * style (per-node on_success / on_failure / on_timeout) both normalise into it, so every later
 * layer (engine, analysis, render) sees one shape. Plain data: serialisable, no methods.
 */
export interface Workflow {
  /** Which source style the document used; both normalise to the same graph. */
  style: 'edge-list' | 'sop-graph';
  osopVersion: string;
  id: string;
  name: string;
  description?: string;
  /** Semver of this process version. */
  version?: string;
  owner?: string;
  tags: string[];
  status?: string;
  roles: string[];
  nodes: WorkflowNode[];
  edges: WorkflowEdge[];
  /** The node a run starts at; resolved (explicit `entry_point`, or the single node with no incoming control edge). */
  entryPoint?: string;
  exitConditions: ExitCondition[];
  escalationPaths: EscalationPath[];
  failureModes: FailureMode[];
  auditRequirements: AuditRequirement[];
  triggerConditions?: unknown;
  triggers: Trigger[];
  certificationStatus?: CertificationStatus;
  jurisdiction: string[];
  lifecycle?: Lifecycle;
  workstream?: string;
  /** Ordered authorisation levels, lowest first; defaults to DEFAULT_AUTH_LEVELS. */
  authLevels: string[];
  /**
   * sopflow extension `allowed_hosts`: the only hosts api steps may reach (names, `*.domain`,
   * IP addresses, CIDR ranges). Absent = any public host; private addresses only when listed.
   */
  allowedHosts?: string[];
  timeoutSec?: number;
  variables?: Record<string, unknown>;
  /** Declared run inputs (name → spec); used to type-check CEL expressions. */
  inputs: IoSpec[];
  /** Keys the model does not interpret, kept verbatim (x-*, metadata, security, ...). */
  extra: Record<string, unknown>;
}

export const DEFAULT_AUTH_LEVELS = ['operator', 'supervisor', 'clinician', 'director'] as const;

export type CertificationStatus = 'uncertified' | 'in_review' | 'certified' | 'revoked';
export type Lifecycle = 'draft' | 'active' | 'archived';
export type AuditLevel = 'none' | 'summary' | 'full';
export type DelegationState = 'human_only' | 'trialing' | 'agent_supervised' | 'agent_autonomous';
export const DELEGATION_STATES: readonly DelegationState[] = ['human_only', 'trialing', 'agent_supervised', 'agent_autonomous'];
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

export interface WorkflowNode {
  id: string;
  type: NodeType;
  /** Given by the author, or defaulted from the type. */
  kind: NodeKind;
  name: string;
  subtype?: string;
  purpose?: string;
  description?: string;
  role?: string;
  inputs: IoSpec[];
  outputs: IoSpec[];
  runtime?: Runtime;
  retryPolicy?: RetryPolicy;
  /** Seconds; from `timeout_sec` or a parsed `timeout` duration ("30m", "PT5M"). */
  timeoutSec?: number;
  /** Whether the step may be re-run after a crash. Undefined = the engine's per-type default. */
  idempotent?: boolean;
  confidenceRequirement?: number;
  humanAuthRequired?: boolean;
  authLevel?: string;
  auditLevel?: AuditLevel;
  delegationState?: DelegationState;
  approvalGate?: ApprovalGate;
  riskLevel?: string;
  failureModes: FailureMode[];
  sla?: Sla;
  /** SOP-graph escalation targets (a node id or a role); also normalised into edges when they name a node. */
  onFailure?: EscalationTarget;
  onTimeout?: EscalationTarget;
  workflowRef?: string;
  workflowInputs?: Record<string, unknown>;
  spawnPolicy?: { maxChildren?: number; childTools?: string[]; canSpawnChildren?: boolean };
  /** Human steps: JSON Schema of the form a person fills in. */
  form?: Record<string, unknown>;
  /** 1-based order in a linear SOP (importer and Process OS). */
  sequenceOrder?: number;
  /** Where the node sits in the raw document, for diagnostics. */
  path: DocumentPath;
  /** Keys the model does not interpret, kept verbatim. */
  extra: Record<string, unknown>;
}

export interface WorkflowEdge {
  from: string;
  to: string;
  mode: EdgeMode;
  /** CEL expression (conditional, loop, and SOP-graph branches). */
  when?: string;
  label?: string;
  /** loop: a CEL expression yielding a list, and the name each item is bound to. */
  forEach?: string;
  iteratorVar?: string;
  maxIterations?: number;
  /** On a parallel edge into a join, or on the join node's incoming edges. */
  joinMode?: JoinMode;
  joinCount?: number;
  /** switch: CEL expression in `when` (or `condition`), cases by value, and the default target. */
  cases?: SwitchCase[];
  defaultTo?: string;
  /** error: the error codes this edge catches (empty = any). */
  errorCodes?: string[];
  /** event / signal / message: the name waited for or sent. */
  event?: string;
  /** weighted: relative weight of this branch. */
  weight?: number;
  spawnCount?: number;
  /** Where the edge came from: an `edges[]` entry, or a SOP-graph node field. */
  origin: 'edges' | 'on_success' | 'on_failure' | 'on_timeout' | 'next';
  path: DocumentPath;
  extra: Record<string, unknown>;
}

export interface SwitchCase {
  value: unknown;
  to: string;
}

export interface IoSpec {
  name: string;
  description?: string;
  required?: boolean;
  schema?: unknown;
  /** A CEL type name used for type-checking expressions ('string', 'int', 'double', 'bool', 'list', 'map', 'dyn'). */
  type?: string;
}

export interface Runtime {
  /** The task queue whose workers execute the step (`sopflow worker --queue NAME`); absent = the default queue. */
  queue?: string;
  provider?: string;
  model?: string;
  /** cli: an argv array (preferred) or a string split into words without a shell. */
  command?: string | string[];
  shell?: boolean;
  cwd?: string;
  env?: string[];
  method?: string;
  url?: string;
  headers?: Record<string, string>;
  body_template?: unknown;
  tool?: string;
  server?: string;
  action?: string;
  system_prompt?: string;
  temperature?: number;
  max_tokens?: number;
  [key: string]: unknown;
}

export interface RetryPolicy {
  maxRetries: number;
  strategy: 'fixed' | 'exponential_backoff';
  backoffSec: number;
  maxBackoffSec?: number;
  /** Error codes that are never retried. */
  nonRetryable?: string[];
}

export interface ApprovalGate {
  required: boolean;
  approverRole?: string;
  approvers?: string[];
  timeoutHours?: number;
  bypassAllowed?: boolean;
}

export interface Sla {
  /** Seconds after the step is scheduled by which it should be done. */
  dueSec?: number;
  description?: string;
}

/** A node id (when it names a node) or a role to hand the case to. */
export interface EscalationTarget {
  node?: string;
  role?: string;
  reason?: string;
}

export interface ExitCondition {
  id?: string;
  node?: string;
  when?: string;
  outcome?: string;
  description?: string;
}
export interface EscalationPath {
  id: string;
  to?: string;
  role?: string;
  description?: string;
}
export interface FailureMode {
  id?: string;
  code?: string;
  description?: string;
  /** Node to route to when this failure occurs. */
  goto?: string;
  mitigation?: string;
}
export interface AuditRequirement {
  id?: string;
  description?: string;
  level?: AuditLevel;
}
export interface Trigger {
  type: string;
  config?: Record<string, unknown>;
}
