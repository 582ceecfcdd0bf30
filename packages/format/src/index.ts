/**
 * @sopflow/format — read, check, normalise and write `.osop`, `.osoplog` and `.sop` files.
 * Pure: no file system, network or clock. This file is the table of contents.
 */
export { NODE_TYPES, CORE_NODE_TYPES, FULL_NODE_TYPES, NODE_KINDS, defaultKind, isNodeType, isNodeKind } from './model/node-type.js';
export type { NodeType, NodeKind, Performer } from './model/node-type.js';
export { EDGE_MODES, CORE_EDGE_MODES, FULL_EDGE_MODES, JOIN_MODES, isControlEdge, isEdgeMode } from './model/edge-mode.js';
export type { EdgeMode, JoinMode } from './model/edge-mode.js';
export { hasErrors } from './model/diagnostic.js';
export type { Diagnostic, Severity, SourceLocation, DocumentPath } from './model/diagnostic.js';
export { DEFAULT_AUTH_LEVELS, DELEGATION_STATES } from './model/workflow.js';
export type {
  Workflow, WorkflowNode, WorkflowEdge, SwitchCase, IoSpec, Runtime, RetryPolicy, ApprovalGate, Sla,
  EscalationTarget, ExitCondition, EscalationPath, FailureMode, AuditRequirement, Trigger,
  CertificationStatus, Lifecycle, AuditLevel, DelegationState, RiskLevel,
} from './model/workflow.js';
