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
export type { EventStore, RunIndex, TaskInbox, WorkQueue, RunStore } from './ports/event-store.js';
export { createEngine } from './runtime/engine.js';
export type { Engine, TaskCompletion } from './runtime/engine.js';
export type { EngineOptions, StartOptions } from './runtime/create-engine.js';
export { runWorker } from './runtime/worker.js';
export type { WorkerOptions, WorkerReport } from './runtime/worker.js';
export { EngineError } from './runtime/engine-error.js';
export type { EngineErrorCode } from './runtime/engine-error.js';
export { parseWorkflowSource, sourceFromWorkflow, contentHash } from './runtime/workflow-source.js';
export type { WorkflowSource } from './runtime/workflow-source.js';
export { validateForm } from './runtime/validate-form.js';
export { createNoopExecutor } from './executors/builtin/noop-executor.js';
