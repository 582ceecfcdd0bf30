import type { WorkflowNode } from '@sopflow/format';
import type { RunEvent } from '../events/run-event.js';
import { applyEvent } from '../state/apply-event.js';
import type { RunState, StepState } from '../state/run-state.js';
import type { Command, DecideOptions } from './decide-input.js';
import type { WorkItem } from './work-item.js';
import type { WorkflowIndex } from './workflow-index.js';

/** decide's working memory: a private copy of the state that every emitted event is applied to. */
export interface DecisionContext {
  index: WorkflowIndex;
  state: RunState;
  at: string;
  options: DecideOptions;
  /** The executor types this run decides with: pinned in RunStarted, else the options'. */
  executorTypes: readonly string[];
  /** The run version this decision started from. */
  startVersion: number;
  events: RunEvent[];
  commands: Command[];
  /** Items the running handler queued; the drain loop runs them next, in this order. */
  followUps: WorkItem[];
}

type EventBody = RunEvent extends infer E ? (E extends RunEvent ? Omit<E, 'at'> : never) : never;

/** Records an event (stamped with the decision time) and applies it to the working state. */
export function emit(ctx: DecisionContext, event: EventBody): void {
  const stamped = { ...event, at: ctx.at } as RunEvent;
  ctx.events.push(stamped);
  applyEvent(ctx.state, stamped);
}

/** Adds a command for the run loop to carry out once the events are stored. */
export function command(ctx: DecisionContext, cmd: Command): void {
  ctx.commands.push(cmd);
}

/** Queues work for after the running handler, before anything queued earlier (depth-first, as a call would). */
export function follow(ctx: DecisionContext, ...items: WorkItem[]): void {
  ctx.followUps.push(...items);
}

export function nodeOf(ctx: DecisionContext, nodeId: string): WorkflowNode {
  const node = ctx.index.nodes.get(nodeId);
  if (node === undefined) throw new Error(`workflow has no node ${nodeId}`);
  return node;
}

export function stepOf(ctx: DecisionContext, nodeId: string): StepState {
  return ctx.state.steps[nodeId];
}

/** Whether a step is still in flight (not finished or skipped). */
export function isActive(step: StepState | undefined): boolean {
  return step !== undefined && (step.status === 'ready' || step.status === 'running' || step.status === 'waiting');
}

/** A deterministic id for a new timer or task of this run. */
export function newId(ctx: DecisionContext, kind: 'task' | 'timer'): string {
  const count = kind === 'task' ? Object.keys(ctx.state.tasks).length : ctx.state.version;
  return `${ctx.state.runId}-${kind === 'task' ? 'k' : 't'}${count + 1}`;
}

/** ISO time `seconds` after the decision. */
export function after(ctx: DecisionContext, seconds: number): string {
  return new Date(Date.parse(ctx.at) + Math.round(seconds * 1000)).toISOString();
}
