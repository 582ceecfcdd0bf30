/**
 * @sopflow/engine — runs SOPs durably: typed run events, a pure `decide`, the run loop over small
 * ports (store, clock, executors, inbox), workers with leases, crash recovery, and the `.osoplog`
 * projection. This file is the table of contents.
 */
export type {
  RunEvent, RunEventType, RunStarted, StepScheduled, StepStarted, StepCompleted, StepFailed, StepSkipped, StepRetryScheduled,
  ShadowCompleted, TimerScheduled, TimerFired, TimerCancelled, TaskOpened, TaskCancelled, TaskCompleted, Escalated, SignalReceived,
  ChildRunStarted, ChildRunEnded, CompensationStarted, RunCompleted, RunFailed, RunCancelled, LoopItem, HumanDecision,
  EscalationCode, SkipReason, TaskPhase, TimerPurpose,
} from './events/run-event.js';
export type { RunState, StepState, StepStatus, TaskState, TimerState } from './state/run-state.js';
export { emptyRunState } from './state/run-state.js';
export { foldRun } from './state/fold-run.js';
export { applyEvent } from './state/apply-event.js';
export { isRunnable } from './state/derive-run-status.js';
export { decide } from './decide/decide.js';
export type { DecideInput, Decision, Command, DecideOptions } from './decide/decide-input.js';
export { isIdempotent } from './decide/step-policy.js';
export { evaluateCondition } from './cel/evaluate-condition.js';
export type { Clock, SimulatedClock } from './ports/clock.js';
export { createSystemClock, createSimulatedClock } from './ports/clock.js';
export type {
  StepExecutor, StepRequest, StepResult, StepCompletedResult, StepFailedResult, StepEscalatedResult, StepError, SecretSource,
  ModelUsage, ToolCallRecord, EscalationReason,
} from './ports/step-executor.js';
export type { Directory, DirectoryUser } from './ports/directory.js';
export { createDirectory, directoryFromUsers } from './ports/directory.js';
export type { UserDirectory, UserRecord, UserInput } from './ports/user-directory.js';
export type { ChangeVersions } from './ports/change-versions.js';
export { checkTaskAuthority } from './runtime/check-task-authority.js';
export type { TaskAuthority, TaskRefusal } from './runtime/check-task-authority.js';
export { findSignalWaits } from './runtime/find-signal-waits.js';
export { checkRunInputs } from './runtime/check-run-inputs.js';
export type { SignalWaits } from './runtime/find-signal-waits.js';
export type { EventStore, RunIndex, TaskInbox, WorkQueue, RunStore, LeaseHolder, LeaseRow, ChildProcessRef, ClaimScope, WorkerRow } from './ports/run-store.js';
export type {
  StoredEvent, NewEvent, RunStatus, RunSummary, TimerRow, TaskKind, TaskStatus, TaskRow, AppendRequest, AppendOutcome,
  AuditBreak, AuditReport, AuditCheckpoint, RunFilter, TaskFilter,
} from './ports/run-records.js';
export { toTaskRow } from './runtime/build-append-request.js';
export { createEngine } from './runtime/engine.js';
export type { Engine, TaskCompletion } from './runtime/engine.js';
export type { EngineOptions, StartOptions } from './runtime/create-engine.js';
export { runWorker } from './runtime/worker.js';
export { DEFAULT_QUEUE, stepQueue, runQueue } from './runtime/step-queue.js';
export type { WorkerOptions, WorkerReport } from './runtime/worker.js';
export { currentLeaseHolder, isHolderAlive, leaseHealth, describeHolder, DEFAULT_LEASE_TTL_MS } from './runtime/lease-holder.js';
export type { LeaseHealth, LeaseHealthState } from './runtime/lease-holder.js';
export { reclaimDeadLeases } from './runtime/reclaim-dead-leases.js';
export type { ReclaimReport } from './runtime/reclaim-dead-leases.js';
export { isProcessAlive, processStartTime, processGroupMembers } from './runtime/process-liveness.js';
export { EngineError } from './runtime/engine-error.js';
export type { EngineErrorCode } from './runtime/engine-error.js';
export { parseWorkflowSource, sourceFromWorkflow, contentHash } from './runtime/workflow-source.js';
export type { WorkflowSource } from './runtime/workflow-source.js';
export { validateForm } from './runtime/validate-form.js';
export { createNoopExecutor } from './executors/builtin/noop-executor.js';
export { toExecutionLog } from './log/to-execution-log.js';
export type { ChildRunRecord } from './log/to-execution-log.js';
export type { StepScope } from './ports/step-executor.js';
export { createCliExecutor, DEFAULT_MAX_OUTPUT_BYTES } from './executors/cli/create-cli-executor.js';
export type { CliExecutorOptions } from './executors/cli/create-cli-executor.js';
export { splitCommandWords } from './executors/cli/split-command-words.js';
export { createApiExecutor } from './executors/api/create-api-executor.js';
export { checkHost } from './executors/api/check-host.js';
export type { HostCheck, HostLookup } from './executors/api/check-host.js';
export type { ApiExecutorOptions } from './executors/api/create-api-executor.js';
export { createAgentExecutor } from './executors/agent/create-agent-executor.js';
export type { AgentExecutorOptions } from './executors/agent/create-agent-executor.js';
export type { AgentProviders, AgentProviderName } from './executors/agent/resolve-agent-model.js';
export type { OpenAiProviderConfig } from './executors/agent/openai-provider.js';
export type { AnthropicProviderConfig } from './executors/agent/anthropic-provider.js';
export type { CommandProviderConfig } from './executors/agent/command-provider.js';
export { agentOptionsFromEnv } from './executors/agent/agent-options-from-env.js';
export type { AgentEnvSettings } from './executors/agent/agent-options-from-env.js';
export { createMcpExecutor } from './executors/mcp/create-mcp-executor.js';
export type { McpExecutorOptions } from './executors/mcp/create-mcp-executor.js';
export type { McpServerConfig, McpStdioServerConfig, McpHttpServerConfig } from './executors/mcp/mcp-server-config.js';
export { createSecretSource } from './executors/secrets/create-secret-source.js';
export type { SecretSourceOptions, LoadedSecretSource } from './executors/secrets/create-secret-source.js';
export { redactTokenShapes, REDACTED } from './executors/secrets/redact-token-shapes.js';
export { createStepRedactor, runRedacted, MIN_SECRET_LENGTH } from './executors/secrets/create-step-redactor.js';
export type { StepRedactor } from './executors/secrets/create-step-redactor.js';
