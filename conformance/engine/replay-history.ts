import { isDeepStrictEqual } from 'node:util';
import {
  applyEvent, decide, emptyRunState, parseWorkflowSource, type Command, type DecideInput, type DecideOptions, type RunEvent, type RunState,
} from '@sopflow/engine';

/** One recorded run, as checked in under `conformance/engine/replay/`: produced by the engine, never written by hand. */
export interface ReplayHistory {
  /** The conformance case that produced it. */
  case: string;
  runId: string;
  /** The workflow text the run is pinned to (its SHA-256 is RunStarted.contentHash). */
  workflow: string;
  /** The executor types the recording engine had (decide's `options.executorTypes`). */
  executorTypes: string[];
  /** Every event of the run, in order, as the store returned them. */
  events: RunEvent[];
  /** Per decision: the seq of its first event, the input derived from the history, and the commands decide gave. */
  decisions: { seq: number; input: DecideInput['type']; commands: Command[] }[];
}

/** What re-deciding a history found: each decision it made, or the first place it differs from the record. */
export type ReplayOutcome =
  | { ok: true; decisions: ReplayHistory['decisions'] }
  | { ok: false; seq: number; message: string };

/**
 * Temporal's runReplayHistory for sopflow: folds the history's prefix, feeds decide the input the
 * original decision got (derived from the recorded events) and checks that decide produces exactly
 * the recorded events. StepStarted events the run loop adds for executeStep commands are checked
 * against those commands and folded. Pure; runs no executor.
 */
export function replayHistory(history: Pick<ReplayHistory, 'workflow' | 'events' | 'runId'>, options: DecideOptions): ReplayOutcome {
  const { workflow } = parseWorkflowSource(history.workflow);
  const events = history.events;
  const decisions: ReplayHistory['decisions'] = [];
  const state = emptyRunState(history.runId);
  let i = 0;
  while (i < events.length) {
    if (events[i].type === 'StepStarted') {
      applyEvent(state, events[i]);
      i += 1;
      continue;
    }
    const input = deriveInput(state, events, i);
    if (input === undefined) return { ok: false, seq: i + 1, message: `seq ${i + 1}: no decide input yields a ${events[i].type} here` };
    const decision = decide(workflow, state, input, options);
    if (decision.rejected !== undefined) {
      return { ok: false, seq: i + 1, message: `seq ${i + 1}: decide refused the ${input.type} input (${decision.rejected.code}: ${decision.rejected.message})` };
    }
    for (let k = 0; k < decision.events.length; k++) {
      const recorded = events[i + k];
      const produced = unpinnedStart(recorded, decision.events[k]);
      if (!isDeepStrictEqual(recorded, produced)) {
        return {
          ok: false, seq: i + k + 1,
          message: `seq ${i + k + 1} (decision on ${input.type} at seq ${i + 1}): recorded ${JSON.stringify(recorded ?? null)}\n  decide now gives ${JSON.stringify(produced)}`,
        };
      }
    }
    if (decision.events.length === 0) {
      return { ok: false, seq: i + 1, message: `seq ${i + 1}: decide gives no events for the ${input.type} input, the record has ${events[i].type}` };
    }
    decisions.push({ seq: i + 1, input: input.type, commands: decision.commands });
    const ends = i + decision.events.length;
    for (let k = i; k < ends; k++) applyEvent(state, events[k]);
    i = foldStarts(state, events, ends, decision.commands);
  }
  return { ok: true, decisions };
}

/**
 * A run recorded before executor types were pinned has a RunStarted without them; such a run is in
 * flight, so its start is never decided again. Compare that one event without the field; every
 * later decision must match exactly (decide falls back to the options for these runs).
 */
function unpinnedStart(recorded: RunEvent | undefined, produced: RunEvent): RunEvent {
  if (produced.type !== 'RunStarted' || recorded?.type !== 'RunStarted' || recorded.executorTypes !== undefined) return produced;
  const { executorTypes: _pinned, ...rest } = produced;
  return rest;
}

/** Folds the StepStarted events the run loop added for the decision's executeStep commands; they must match those commands. */
function foldStarts(state: RunState, events: RunEvent[], from: number, commands: Command[]): number {
  let i = from;
  for (const cmd of commands) {
    if (cmd.type !== 'executeStep') continue;
    const event = events[i];
    if (event?.type !== 'StepStarted') break;
    const expected: RunEvent = {
      type: 'StepStarted', at: event.at, nodeId: cmd.nodeId, activation: cmd.activation, attempt: cmd.attempt,
      ...(cmd.shadow === true ? { shadow: true } : {}), ...(cmd.recovered === true ? { recovered: true } : {}),
    };
    if (!isDeepStrictEqual(event, expected)) break;
    applyEvent(state, event);
    i += 1;
  }
  return i;
}

/** The input a recorded decision got, read off its first event and the state before it; undefined when none fits. */
function deriveInput(state: RunState, events: RunEvent[], i: number): DecideInput | undefined {
  const e = events[i];
  const at = e.at;
  switch (e.type) {
    case 'RunStarted':
      return {
        type: 'start', at, runId: e.runId, contentHash: e.contentHash, inputs: e.inputs, seed: e.seed, depth: e.depth,
        ...(e.parentRunId === undefined ? {} : { parentRunId: e.parentRunId }), ...(e.parentNodeId === undefined ? {} : { parentNodeId: e.parentNodeId }),
        // A child run is started with its parent's pinned executor types.
        ...(e.parentRunId === undefined || e.executorTypes === undefined ? {} : { executorTypes: e.executorTypes }),
      };
    case 'TimerFired':
      return { type: 'timerFired', at, timerId: e.timerId };
    case 'TaskCompleted':
      return {
        type: 'taskCompleted', at, taskId: e.taskId, by: e.by, decision: e.decision,
        ...(e.data === undefined ? {} : { data: e.data }), ...(e.reason === undefined ? {} : { reason: e.reason }),
        ...(e.levelVerified === undefined ? {} : { levelVerified: e.levelVerified }), ...(e.level === undefined ? {} : { level: e.level }),
        ...(e.enteredBy === undefined ? {} : { enteredBy: e.enteredBy }), ...(e.directoryVersion === undefined ? {} : { directoryVersion: e.directoryVersion }),
        ...(e.identity === undefined ? {} : { identity: e.identity }),
      };
    case 'SignalReceived':
      return { type: 'signal', at, name: e.name, ...('payload' in e ? { payload: e.payload } : {}) };
    case 'ChildRunEnded':
      return { type: 'childEnded', at, nodeId: e.nodeId, childRunId: e.childRunId, status: e.status, ...(e.output === undefined ? {} : { output: e.output }) };
    case 'ShadowCompleted': {
      const result = e.output !== undefined
        ? { status: 'completed' as const, output: e.output, ...(e.confidence === undefined ? {} : { confidence: e.confidence }) }
        : { status: 'failed' as const, error: { code: e.error?.code ?? 'FAILED', message: e.error?.message ?? '', retryable: false } };
      return { type: 'stepResult', at, nodeId: e.nodeId, activation: e.activation, attempt: 1, shadow: true, result };
    }
    case 'RunCancelled':
      return { type: 'cancel', at, reason: e.reason, ...(e.by === undefined ? {} : { by: e.by }) };
    case 'TimerScheduled':
      // Only a take-over starts a step with a new attempt deadline before anything else happens.
      return e.purpose === 'attempt_timeout' ? { type: 'resume', at } : stepResultOf(state, events, i);
    case 'TaskCancelled':
    case 'TimerCancelled':
    case 'StepSkipped': {
      // A cancel closes what is in flight before RunCancelled.
      let k = i;
      while (events[k] !== undefined && (events[k].type === 'TaskCancelled' || events[k].type === 'TimerCancelled' || events[k].type === 'StepSkipped')) k++;
      const cancelled = events[k];
      return cancelled?.type === 'RunCancelled' ? { type: 'cancel', at, reason: cancelled.reason, ...(cancelled.by === undefined ? {} : { by: cancelled.by }) } : undefined;
    }
    default:
      return stepResultOf(state, events, i);
  }
}

/** An executor's result for a running step, from what the decision on it recorded first. */
function stepResultOf(state: RunState, events: RunEvent[], i: number): DecideInput | undefined {
  const e = events[i];
  if (!('nodeId' in e)) return undefined;
  const step = state.steps[e.nodeId];
  if (step === undefined || step.status !== 'running') {
    return e.type === 'TaskOpened' && e.phase === 'unknown_outcome' ? { type: 'resume', at: e.at } : undefined;
  }
  const base = { type: 'stepResult' as const, at: e.at, nodeId: e.nodeId, activation: step.activation, attempt: step.attempt };
  switch (e.type) {
    case 'StepCompleted': {
      const results = e.output.results;
      const output = e.forEachIteration !== undefined && Array.isArray(results) && results.length > 0
        ? results[results.length - 1] as Record<string, unknown>
        : e.output;
      return {
        ...base, result: {
          status: 'completed', output, ...(e.confidence === undefined ? {} : { confidence: e.confidence }),
          ...(e.usage === undefined ? {} : { usage: e.usage }), ...(e.toolCalls === undefined ? {} : { toolCalls: e.toolCalls }),
        },
      };
    }
    case 'StepFailed':
      return { ...base, result: { status: 'failed', error: { ...e.error, retryable: e.retryable }, ...(e.toolCalls === undefined ? {} : { toolCalls: e.toolCalls }) } };
    case 'TimerScheduled':
      return e.purpose === 'retry' ? { ...base, result: { status: 'failed', error: { code: 'RETRYABLE', message: 'retried', retryable: true } } } : undefined;
    case 'TaskOpened': {
      if (e.phase === 'review' && e.proposal !== undefined) return { ...base, result: { status: 'completed', output: e.proposal, ...(e.proposalMeta ?? {}) } };
      const escalated = events[i + 1];
      if (escalated?.type !== 'Escalated') return undefined;
      if (e.phase === 'escalation') {
        const cut = escalated.message.indexOf(': ');
        const code = cut < 0 ? escalated.message : escalated.message.slice(0, cut);
        const message = cut < 0 ? '' : escalated.message.slice(cut + 2);
        return { ...base, result: { status: 'failed', error: { code, message, retryable: false } } };
      }
      return { ...base, result: { status: 'escalated', reason: escalated.reason, message: escalated.message } };
    }
    default:
      return undefined;
  }
}
