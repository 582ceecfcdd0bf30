import type { RunStatus } from '../ports/run-records.js';
import type { HumanDecision, LoopItem, TaskOpened, TaskPhase } from '../events/run-event.js';
import type { ModelUsage, ToolCallRecord } from '../ports/step-executor.js';

/** Whether the run has ended (completed, failed or cancelled): nothing more is decided for it but its children's ends. */
export function runHasEnded<T extends Pick<RunState, 'status'>>(state: T): state is T & { status: 'completed' | 'failed' | 'cancelled' } {
  return state.status === 'completed' || state.status === 'failed' || state.status === 'cancelled';
}

/**
 * What a run is now: the fold of its events. Plain data; `decide` reads it, never the events.
 * `ready` steps wait for a worker to start them; `running` ones have a recorded start and no result.
 */
export interface RunState {
  runId: string;
  workflowId: string;
  contentHash: string;
  status: RunStatus;
  inputs: Record<string, unknown>;
  seed: number;
  parentRunId?: string;
  parentNodeId?: string;
  depth: number;
  /** Executor types pinned in RunStarted; absent on older runs (decide then uses its options). */
  executorTypes?: string[];
  /** Number of events folded (the version appends are checked against). */
  version: number;
  startedAt: string;
  endedAt?: string;
  steps: Record<string, StepState>;
  /** Node ids in completion order (latest completion last); CEL sees outputs in this order. */
  completionOrder: string[];
  /** Times each loop edge (`from->to`) has been taken. */
  loopCounts: Record<string, number>;
  /** for_each progress per loop edge key. */
  forEach: Record<string, { items: unknown[]; index: number; outputs: unknown[] }>;
  tasks: Record<string, TaskState>;
  timers: Record<string, TimerState>;
  /** Signals that arrived before anything waited for them. */
  bufferedSignals: { name: string; payload?: unknown }[];
  compensation?: { queue: string[]; cause: { code: string; message: string; nodeId?: string } };
  output?: Record<string, unknown>;
  error?: { code: string; message: string };
}

export type StepStatus = 'ready' | 'running' | 'waiting' | 'completed' | 'failed' | 'skipped';
export type WaitReason = 'task' | 'signal' | 'retry' | 'children';

export interface StepState {
  nodeId: string;
  activation: number;
  status: StepStatus;
  waitingOn?: WaitReason;
  attempt: number;
  input: Record<string, unknown>;
  item?: LoopItem;
  compensation?: boolean;
  /** Authorisation was granted (or was not needed) for this activation. */
  authorised: boolean;
  scheduledAt: string;
  /** Run version at which this activation was scheduled / ended (orders join arrivals across loop rounds). */
  scheduledVersion: number;
  endedVersion?: number;
  startedAt?: string;
  endedAt?: string;
  output?: Record<string, unknown>;
  confidence?: number;
  usage?: ModelUsage;
  toolCalls?: ToolCallRecord[];
  error?: { code: string; message: string };
  next: string[];
  skipReason?: string;
  by?: string;
  decision?: HumanDecision;
  decisionReason?: string;
  taskId?: string;
  /** Signal name a wait step is waiting for. */
  signal?: string;
  /** An agent result waiting for a person (review or low-confidence escalation). */
  proposal?: { output: Record<string, unknown>; confidence?: number; usage?: ModelUsage; toolCalls?: ToolCallRecord[] };
  shadow?: { output?: Record<string, unknown>; confidence?: number; error?: { code: string; message: string }; done: boolean };
  agreement?: number;
  /** `cancelsFailed`: take-overs whose cancel of the child was not carried out, by child run id (ChildCancelFailed). */
  children?: {
    expected: number; ended: { childRunId: string; status: string; output?: Record<string, unknown>; started?: false; reason?: string }[]; started: string[];
    cancelsFailed?: Record<string, number>;
  };
  escalations: string[];
  timeoutTimerId?: string;
  retryTimerId?: string;
}

export interface TaskState extends Omit<TaskOpened, 'type' | 'at'> {
  openedAt: string;
  status: 'open' | 'completed' | 'cancelled';
  phase: TaskPhase;
  completedAt?: string;
  completedBy?: string;
  decision?: HumanDecision;
  data?: Record<string, unknown>;
  reason?: string;
}

export interface TimerState {
  timerId: string;
  dueAt: string;
  purpose: string;
  nodeId: string;
  activation: number;
  /** For `attempt_timeout` timers: the attempt whose deadline it is. */
  attempt?: number;
}

/** A state before any event: decide's starting point for a new run. */
export function emptyRunState(runId: string): RunState {
  return {
    runId, workflowId: '', contentHash: '', status: 'running', inputs: {}, seed: 0, depth: 0, version: 0, startedAt: '',
    steps: {}, completionOrder: [], loopCounts: {}, forEach: {}, tasks: {}, timers: {}, bufferedSignals: [],
  };
}

/**
 * A copy decide may change without touching the caller's state: applyEvent replaces step objects
 * before changing them (copy-on-write) and replaces nested arrays and maps, so the step and task
 * maps need only a shallow copy.
 */
export function cloneRunState(state: RunState): RunState {
  return { ...state, steps: { ...state.steps }, tasks: { ...state.tasks } };
}
