import type { WorkflowEdge } from '@sopflow/format';
import type { LoopItem, SkipReason } from '../events/run-event.js';
import type { ModelUsage, ToolCallRecord } from '../ports/step-executor.js';

/** What a completion records besides the output: the agent's confidence, usage and tool calls, or the person. */
export interface CompletionMeta {
  confidence?: number;
  usage?: ModelUsage;
  toolCalls?: ToolCallRecord[];
  by?: string;
  /** A reviewer replaced the agent's proposal with their own data: the proposal they corrected. */
  correctedFrom?: Record<string, unknown>;
}

/**
 * One piece of work inside a decision (XState's macrostep queue). Handlers emit events and queue
 * further items; `drainWorkQueue` runs them one at a time, each handler's items before the ones
 * queued earlier, so the events come out in the same order as a depth-first walk.
 */
export type WorkItem =
  /** Schedule a new activation of a node (a token arrived, a loop came back, an undo step is next). */
  | { type: 'activate'; nodeId: string; via?: WorkflowEdge; item?: LoopItem; compensation?: boolean }
  /** Hand an authorised, ready step to its performer. */
  | { type: 'perform'; nodeId: string; recovered?: boolean }
  /** A token reaches a node: taken (the edge was followed) or dead (not taken). */
  | { type: 'arrive'; targetId: string; taken: boolean; via?: WorkflowEdge; item?: LoopItem }
  /** Skip a node and send dead tokens down its edges. */
  | { type: 'skip'; nodeId: string; reason: SkipReason }
  /** A join fired under wait_any / wait_n: cancel the branches still running. */
  | { type: 'cancelBranches'; pending: string[] }
  /** A step succeeded with this output: record it and route. */
  | { type: 'complete'; nodeId: string; output: Record<string, unknown>; meta: CompletionMeta }
  /** A step failed: record it and route the failure (handlers, escalation, or the run fails). */
  | { type: 'fail'; nodeId: string; error: { code: string; message: string }; retryable: boolean; toolCalls?: ToolCallRecord[]; escalate?: boolean }
  /** The attempt's deadline timer fired while it still ran: a retryable TIMEOUT under the retry policy. */
  | { type: 'attemptTimedOut'; nodeId: string }
  /** A step ended: carry on compensating, or complete the run when nothing is left. */
  | { type: 'stepFinished'; nodeId: string }
  /** Complete the run if nothing is in flight. */
  | { type: 'checkRunDone' }
  /** An unhandled failure: stop what is in flight, compensate, then fail the run. */
  | { type: 'failRun'; error: { code: string; message: string }; nodeId?: string }
  /** A worker took the run over: start this step again or ask whether it happened (as it is when the item runs: an earlier item may have ended it). */
  | { type: 'resumeStep'; nodeId: string };

export type WorkItemType = WorkItem['type'];
