/**
 * @sopflow/format — read, check, normalise and write `.osop`, `.osoplog` and `.sop` files.
 * Pure: no file system, network or clock. This file is the table of contents.
 */
export { NODE_TYPES, CORE_NODE_TYPES, FULL_NODE_TYPES, NODE_KINDS, defaultKind, isNodeType, isNodeKind } from './model/node-type.js';
export type { NodeType, NodeKind, Performer } from './model/node-type.js';
export { EDGE_MODES, CORE_EDGE_MODES, FULL_EDGE_MODES, JOIN_MODES, isEdgeMode } from './model/edge-mode.js';
export type { EdgeMode, JoinMode } from './model/edge-mode.js';
export { hasErrors } from './model/diagnostic.js';
export { isSemver, compareSemver, bumpMinor, latestVersion } from './model/semver.js';
export type { Diagnostic, Severity, SourceLocation, DocumentPath } from './model/diagnostic.js';
export { DEFAULT_AUTH_LEVELS, DELEGATION_STATES } from './model/workflow.js';
export type {
  Workflow, WorkflowNode, WorkflowEdge, SwitchCase, IoSpec, Runtime, RetryPolicy, ApprovalGate, Sla,
  EscalationTarget, ExitCondition, EscalationPath, FailureMode, AuditRequirement, Trigger,
  CertificationStatus, Lifecycle, AuditLevel, DelegationState, RiskLevel,
} from './model/workflow.js';
// parse/ — text or bytes → SourceDocument with positions
export { parseSource, deriveSource, MAX_ALIAS_COUNT } from './parse/parse-source.js';
export type { SourceDocument, ParseResult } from './parse/parse-source.js';
export { decodeSourceBytes, MAX_SOURCE_BYTES } from './parse/decode-source-bytes.js';
export { kindFromFileName, kindFromData } from './parse/detect-kind.js';
export type { SourceKind } from './parse/detect-kind.js';
export { MAX_NESTING_DEPTH } from './parse/scan-nesting.js';
// schema/ — zod schemas (core, full, sopflow; .osoplog; .sop) and their diagnostics
export { checkSchema, schemaFor, COMPAT_LEVELS } from './schema/check-schema.js';
export type { CompatLevel } from './schema/check-schema.js';
export { coreWorkflowSchema } from './schema/workflow-core.js';
export { fullWorkflowSchema } from './schema/workflow-full.js';
export { sopflowWorkflowSchema } from './schema/workflow-sopflow.js';
export { osopLogSchema, sopflowLogSchema } from './schema/osoplog.js';
export { collectionSchema } from './schema/collection.js';
// normalise/ — documents → the graph model; loaders
export { normaliseWorkflow } from './normalise/normalise-workflow.js';
export type { NormaliseResult } from './normalise/normalise-workflow.js';
export { loadWorkflow } from './normalise/load-workflow.js';
export type { LoadWorkflowResult } from './normalise/load-workflow.js';
export { parseExecutionLog, loadExecutionLog, loadCollection } from './normalise/load-document.js';
export type { LoadExecutionLogResult, LoadCollectionResult } from './normalise/load-document.js';
export { parseDuration } from './normalise/parse-duration.js';
export { RUN_STATUSES, NODE_RECORD_STATUSES } from './model/execution-log.js';
export type { ExecutionLog, RunStatus, NodeRecordStatus, NodeRecord, LogTrigger, ToolCall } from './model/execution-log.js';
export { collectionRefs } from './model/collection.js';
export type { Collection, CollectionSection, CollectionEntry } from './model/collection.js';
// serialise/ — canonical formatting and writing the model back
export { formatSource, CANONICAL_YAML_OPTIONS } from './serialise/format-source.js';
export type { FormatResult } from './serialise/format-source.js';
export { stringifyWorkflow, workflowDocument } from './serialise/stringify-workflow.js';
export { exportOsop } from './serialise/export-osop.js';
export { osopFullDocument } from './serialise/osop-full-document.js';
export { restoreSopflowExtensions } from './serialise/restore-sopflow-extensions.js';
export { SOPFLOW_EXTENSION_KEY, SOPFLOW_ADDED_KEY, SOPFLOW_PLACEHOLDER_KEY } from './serialise/sopflow-extension-keys.js';
// cel/ — CEL expressions: the variable convention (cel/README-conventions.md), type-check, evaluate
export { CEL_VARIABLES, CEL_STEP_STATUSES, RESERVED_CEL_NAMES, celTypeOf, isCelIdentifier } from './cel/cel-variables.js';
export { celDeclarationsFor } from './cel/cel-declarations.js';
export type { CelDeclarations, CelStepDeclaration } from './cel/cel-declarations.js';
export { checkCelExpression, MAX_CEL_EXPRESSION_LENGTH } from './cel/check-cel-expression.js';
export { celStepReferences } from './cel/cel-step-slots.js';
export type { CelCheckResult, CelExpectation } from './cel/check-cel-expression.js';
export { evaluateCel } from './cel/evaluate-cel.js';
export type { CelEvaluation } from './cel/evaluate-cel.js';
export { buildCelVariables } from './cel/build-cel-variables.js';
export type { CelScope, CelStepResult } from './cel/build-cel-variables.js';
// validate/ — semantic rules (one per file under validate/rules/)
export { ALL_RULES } from './validate/all-rules.js';
export { runRules } from './validate/run-rules.js';
export type { Rule, RuleContext } from './validate/rule.js';
export { findShellScriptPlaceholder } from './validate/find-shell-script-placeholder.js';
export type { ShellScriptPlaceholder } from './validate/find-shell-script-placeholder.js';
export { isSecretKey, knownTokenShape } from './validate/secret-patterns.js';
// check/ — the whole verdict on one document
export { validateSource } from './check/validate-source.js';
export type { ValidateOptions, ValidationReport } from './check/validate-source.js';
export { checkReferenceIntegrity } from './check/reference-integrity.js';
export { jsonSchemaFor, jsonSchemaFileName } from './schema/json-schema-for.js';
// rules/ — the one definition of each domain rule every package asks (approval, performer, edge modes, risk)
export { approvalRequirement, needsApproval } from './rules/approval-requirement.js';
export type { ApprovalRequirement, ApprovalReason } from './rules/approval-requirement.js';
export { performerOf, isPersonType } from './rules/performer-of.js';
export { edgeModeTraits, isControlEdge, isFailurePath } from './rules/edge-mode-traits.js';
export type { EdgeModeTraits } from './rules/edge-mode-traits.js';
export { isHighRisk } from './rules/is-high-risk.js';
// render/ — Mermaid, Graphviz DOT and a terminal outline grouped by role
export { renderMermaid } from './render/render-mermaid.js';
export { renderDot } from './render/render-dot.js';
export { renderOutline } from './render/render-outline.js';
export type { OutlineOptions } from './render/render-outline.js';
export { formatDuration } from './render/format-duration.js';
export { printable } from './render/ansi-style.js';
export { edgeBranches, describeMode, joinText } from './render/edge-branches.js';
export type { EdgeBranch } from './render/edge-branches.js';
export { nodeFacts, displayName, lanesOf } from './render/node-facts.js';
// explain/ — a plain-language summary of a workflow (deterministic, no LLM)
export { explainWorkflow } from './explain/explain-workflow.js';
export { stringifyExecutionLog } from './serialise/stringify-execution-log.js';
