import type { ModelUsage, ToolCallRecord } from '../ports/step-executor.js';
import type { TaskKind } from '../ports/run-records.js';

/**
 * Everything that can happen to a run, in the past tense. A run's state is the fold of these
 * (`foldRun`); they are stored as the `data` of event rows and chained by hash.
 */
export type RunEvent =
  | RunStarted | StepScheduled | StepStarted | StepCompleted | StepFailed | StepSkipped | StepRetryScheduled
  | ShadowCompleted | TimerScheduled | TimerFired | TimerCancelled | TaskOpened | TaskCompleted | Escalated
  | TaskCancelled | SignalReceived | ChildRunStarted | ChildRunEnded | ChildCancelFailed | CompensationStarted | RunCompleted | RunFailed | RunCancelled;

export type RunEventType = RunEvent['type'];

interface At {
  /** ISO 8601 time the event was decided (from the injected clock). */
  at: string;
}

export interface RunStarted extends At {
  type: 'RunStarted';
  runId: string;
  workflowId: string;
  /** SHA-256 of the workflow text the run is pinned to. */
  contentHash: string;
  inputs: Record<string, unknown>;
  /** Seed for weighted routing: recorded so replay takes the same branches. */
  seed: number;
  parentRunId?: string;
  parentNodeId?: string;
  depth: number;
  /**
   * The executor types the run decides with for its whole life (sorted, no duplicates): pinned from
   * the starting worker's `DecideOptions.executorTypes`, so every worker decides the run alike.
   * Absent on runs recorded before it was pinned: those decide with the worker's options.
   */
  executorTypes?: string[];
}

/** Loop binding of a for_each iteration. */
export interface LoopItem {
  name: string;
  value: unknown;
  index: number;
}

export interface StepScheduled extends At {
  type: 'StepScheduled';
  nodeId: string;
  /** 1 for the first time a node runs in a run, +1 each time a loop brings it back. */
  activation: number;
  input: Record<string, unknown>;
  item?: LoopItem;
  /** True for a compensation (undo) step run while the run is failing. */
  compensation?: boolean;
  /** The step waits for this signal / event name before it completes. */
  waitFor?: string;
}

export interface StepStarted extends At {
  type: 'StepStarted';
  nodeId: string;
  activation: number;
  attempt: number;
  /** The agent runs in shadow next to a person (delegation `trialing`). */
  shadow?: boolean;
  /** Started again after a crash left the previous attempt without a result. */
  recovered?: boolean;
}

export type HumanDecision = 'approved' | 'denied' | 'done' | 'not_done';

export interface StepCompleted extends At {
  type: 'StepCompleted';
  nodeId: string;
  activation: number;
  attempt: number;
  output: Record<string, unknown>;
  confidence?: number;
  usage?: ModelUsage;
  toolCalls?: ToolCallRecord[];
  /** Who completed it when a person did (human step, review, escalation). */
  by?: string;
  /**
   * A correction: a reviewer (low-confidence or supervised review) answered with data other than
   * the agent's proposal; this is the proposal they replaced (`output` is theirs, `confidence` the agent's).
   */
  correctedFrom?: Record<string, unknown>;
  /** Nodes this completion routes to (the edges taken). */
  next: string[];
  /** Loop back-edges taken (`from->to`), counted against max_iterations. */
  loopsTaken?: string[];
  /** A for_each loop edge starting here: its key, body step and items (already bounded by max_iterations). */
  forEachStarted?: { key: string; to: string; items: unknown[] };
  /** This completion was one for_each iteration of the loop with this key. */
  forEachIteration?: string;
  /** Delegation `trialing`: the agent's shadow output and how far it agreed with the person (0..1). */
  shadow?: { output: Record<string, unknown>; agreement: number };
}

export interface StepFailed extends At {
  type: 'StepFailed';
  nodeId: string;
  activation: number;
  attempt: number;
  error: { code: string; message: string };
  retryable: boolean;
  toolCalls?: ToolCallRecord[];
  /** Handler nodes the failure routes to (error, timeout, fallback edges, failure modes); empty = unhandled. */
  next: string[];
}

export type SkipReason = 'branch_not_taken' | 'cancelled_by_join' | 'run_cancelled';

export interface StepSkipped extends At {
  type: 'StepSkipped';
  nodeId: string;
  activation: number;
  reason: SkipReason;
}

export interface StepRetryScheduled extends At {
  type: 'StepRetryScheduled';
  nodeId: string;
  activation: number;
  nextAttempt: number;
  delaySec: number;
  timerId: string;
}

/** The agent's shadow attempt finished (delegation `trialing`). */
export interface ShadowCompleted extends At {
  type: 'ShadowCompleted';
  nodeId: string;
  activation: number;
  output?: Record<string, unknown>;
  confidence?: number;
  error?: { code: string; message: string };
}

/**
 * `retry` starts the next attempt; `timeout` ends a waiting step (a person's task, a signal, child
 * runs, an approval) with TIMEOUT; `task_due` escalates an overdue task; `attempt_timeout` is one
 * executing attempt's deadline (the step's `timeout_sec`): fired while that attempt still runs, the
 * attempt is aborted and fails with a retryable TIMEOUT.
 */
export type TimerPurpose = 'retry' | 'timeout' | 'task_due' | 'attempt_timeout';

export interface TimerScheduled extends At {
  type: 'TimerScheduled';
  timerId: string;
  dueAt: string;
  purpose: TimerPurpose;
  nodeId: string;
  activation: number;
  /** For `attempt_timeout`: the attempt whose deadline it is. */
  attempt?: number;
}

export interface TimerFired extends At {
  type: 'TimerFired';
  timerId: string;
}

export interface TimerCancelled extends At {
  type: 'TimerCancelled';
  timerId: string;
}

/**
 * What a task unblocks: `auth` authorises before the work, `work` is the work, `work_approval` is a
 * person's work that also carries the step's approval (approve or complete → the step completes
 * with the data; deny → AUTH_DENIED), `review` a proposal, `escalation` a failure, `unknown_outcome`
 * a step whose result was lost.
 */
export type TaskPhase = 'auth' | 'work' | 'work_approval' | 'review' | 'escalation' | 'unknown_outcome';

export interface TaskOpened extends At {
  type: 'TaskOpened';
  taskId: string;
  nodeId: string;
  activation: number;
  kind: TaskKind;
  /** What the task unblocks in the node's pipeline. */
  phase: TaskPhase;
  title: string;
  role?: string;
  assignee?: string;
  /** JSON Schema the completion data must satisfy. */
  form?: Record<string, unknown>;
  dueAt?: string;
  reason?: string;
  /** For review and escalation tasks: what the agent proposed. */
  proposal?: Record<string, unknown>;
  /** The agent's confidence, usage and tool calls for that proposal. */
  proposalMeta?: { confidence?: number; usage?: ModelUsage; toolCalls?: ToolCallRecord[] };
}

export interface TaskCancelled extends At {
  type: 'TaskCancelled';
  taskId: string;
  nodeId: string;
  reason: string;
}

export interface TaskCompleted extends At {
  type: 'TaskCompleted';
  taskId: string;
  nodeId: string;
  by: string;
  decision: HumanDecision;
  data?: Record<string, unknown>;
  reason?: string;
  /** On an `auth_level` approval: whether a directory confirmed the person's level (false: no directory configured). */
  levelVerified?: boolean;
  /** The person's level when it was verified. */
  level?: string;
  /** Who entered the decision when it was not `by` (an admin acting for them): "entered by X for Y". */
  enteredBy?: string;
  /** The user directory version the person's role and level were checked against. */
  directoryVersion?: number;
  /** 'unchecked': an engine configured to skip the identity check (library use, tests) took it; absent when checked. */
  identity?: 'unchecked';
}

export type EscalationCode = 'LOW_CONFIDENCE' | 'AUTH_DENIED' | 'NO_MODEL' | 'TIMEOUT' | 'FAILED' | 'UNKNOWN_OUTCOME';

export interface Escalated extends At {
  type: 'Escalated';
  nodeId: string;
  reason: EscalationCode;
  message: string;
  taskId?: string;
}

export interface SignalReceived extends At {
  type: 'SignalReceived';
  name: string;
  payload?: unknown;
  /** The waiting step it released, if any; otherwise it is buffered for a later wait. */
  consumedBy?: string;
}

export interface ChildRunStarted extends At {
  type: 'ChildRunStarted';
  nodeId: string;
  activation: number;
  childRunId: string;
  workflowRef?: string;
  index: number;
}

export interface ChildRunEnded extends At {
  type: 'ChildRunEnded';
  nodeId: string;
  childRunId: string;
  status: 'completed' | 'failed' | 'cancelled';
  output?: Record<string, unknown>;
  /** false: the child run was never started (its step was cancelled in the decision that ordered it, or its workflow_ref could not be resolved); absent: it ran. */
  started?: false;
  /** Why a child was never started, when it was not for its step's cancel (`cannot find workflow child.osop`). */
  reason?: string;
}

/** A take-over asked a child run no step waits for to cancel, and it still runs (its cancel could not be carried out). */
export interface ChildCancelFailed extends At {
  type: 'ChildCancelFailed';
  nodeId: string;
  childRunId: string;
  reason: string;
}

export interface CompensationStarted extends At {
  type: 'CompensationStarted';
  /** Undo steps in the order they will run (reverse order of the steps they undo). */
  nodes: string[];
  cause: { code: string; message: string; nodeId?: string };
}

export interface RunCompleted extends At {
  type: 'RunCompleted';
  output: Record<string, unknown>;
}

export interface RunFailed extends At {
  type: 'RunFailed';
  error: { code: string; message: string };
  nodeId?: string;
}

export interface RunCancelled extends At {
  type: 'RunCancelled';
  reason: string;
  by?: string;
}
