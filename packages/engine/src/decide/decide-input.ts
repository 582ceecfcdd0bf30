import type { RunEvent } from '../events/run-event.js';
import type { RunState } from '../state/run-state.js';
import type { StepResult } from '../ports/step-executor.js';
import type { HumanDecision } from '../events/run-event.js';

/** What can happen to a run from outside; `at` comes from the injected clock. */
export type DecideInput =
  /** `executorTypes`: the set to pin instead of the options' (a child run carries its parent's pinned set). */
  | { type: 'start'; at: string; runId: string; contentHash: string; inputs: Record<string, unknown>; seed: number; parentRunId?: string; parentNodeId?: string; depth?: number; executorTypes?: readonly string[] }
  | { type: 'stepResult'; at: string; nodeId: string; activation: number; attempt: number; shadow?: boolean; result: StepResult }
  | { type: 'timerFired'; at: string; timerId: string }
  | { type: 'taskCompleted'; at: string; taskId: string; by: string; decision: HumanDecision; data?: Record<string, unknown>; reason?: string; levelVerified?: boolean; level?: string; enteredBy?: string; directoryVersion?: number; identity?: 'unchecked' }
  | { type: 'signal'; at: string; name: string; payload?: unknown }
  /** `started: false` with a `reason`: the child run could not be started (its workflow_ref did not resolve). */
  | { type: 'childEnded'; at: string; nodeId: string; childRunId: string; status: 'completed' | 'failed' | 'cancelled'; output?: Record<string, unknown>; started?: false; reason?: string }
  | { type: 'cancel'; at: string; reason: string; by?: string }
  /** A take-over's cancel of a child run no step waits for was not carried out (the child still runs). */
  | { type: 'childCancelFailed'; at: string; nodeId: string; childRunId: string; reason: string }
  /** A worker took the run over (after a crash or a detached start): start ready steps, recover started ones. */
  | { type: 'resume'; at: string };

/** Carried out by the run loop through the ports after the events are stored. */
export type Command =
  /** `deadlineAt`: when the attempt's time is up (the node's `timeout_sec` from this decision); the executor's signal aborts then. */
  | { type: 'executeStep'; nodeId: string; activation: number; attempt: number; input: Record<string, unknown>; idempotencyKey: string; deadlineAt?: string; shadow?: boolean; recovered?: boolean }
  | { type: 'startChildRun'; nodeId: string; activation: number; childRunId: string; index: number; workflowRef?: string; inputs: Record<string, unknown> }
  /** Asks a child run of a step that was skipped while the child ran to cancel (a `cancel` input to the child; one that already ended refuses it). */
  | { type: 'cancelChildRun'; nodeId: string; childRunId: string; reason: string }
  | { type: 'notifyParent'; parentRunId: string; parentNodeId: string; childRunId: string; status: 'completed' | 'failed' | 'cancelled'; output?: Record<string, unknown> }
  | { type: 'scheduleTimer'; timerId: string; dueAt: string }
  | { type: 'cancelTimer'; timerId: string }
  | { type: 'openTask'; taskId: string }
  /** Stops the step's execution in flight; `reason: 'TIMEOUT'` when its attempt's deadline passed (else it was cancelled). */
  | { type: 'abortStep'; nodeId: string; attempt?: number; reason?: 'TIMEOUT' }
  | { type: 'completeRun'; status: 'completed' | 'failed' | 'cancelled' };

/** decide's answer: events to append (in order) and commands to carry out once they are stored. */
export interface Decision {
  events: RunEvent[];
  commands: Command[];
  /** The state after `events` (a new object; the input state is never changed). Absent when nothing happened. */
  state?: RunState;
  /** Set when the input is refused (unknown task, finished run, ...); then events and commands are empty. */
  rejected?: { code: string; message: string };
}

/** What decide may assume about the running engine (pure data, so decisions stay replayable). */
export interface DecideOptions {
  /**
   * Node types (and `noop`) with an executor configured; others go to a person. A new run pins
   * them in RunStarted and decides with the pinned set ever after; only runs recorded before the
   * pinning use this option beyond their start.
   */
  executorTypes: readonly string[];
  /** Deepest sub-workflow nesting allowed. */
  maxDepth?: number;
  /** Work items one decision may run before it is refused as `runaway_decision` (default 100,000). */
  maxWorkItems?: number;
}
