import type { RunState, RunSummary, TaskRow } from '@sopflow/engine';
import type { Workflow } from '@sopflow/format';
import type { RunHolding, StallView } from './run-stall.js';

/** A run as adapters show it (`runs --json` entry: a contract scripts rely on). */
export interface RunView {
  id: string;
  workflow: string;
  status: string;
  started_at: string;
  ended_at: string | null;
  /** What a waiting run waits for: `task ID (kind: title)` or `signal NAME`; empty otherwise. */
  waiting_for: string[];
  /** Why a run with work is not moving (its worker is gone, its lease expired, no worker holds it); null otherwise. */
  stalled: StallView | null;
  /** A live worker holds the run: who, and until when; null otherwise. */
  held_by: string | null;
}

/** The run summary as a view; `waitingFor` from `describeWaits`, `holding` from `runHolding`. */
export function runView(run: RunSummary, waitingFor: readonly string[] = [], holding: RunHolding = { stalled: null, held_by: null }): RunView {
  return {
    id: run.id, workflow: run.workflowId, status: run.status, started_at: run.startedAt, ended_at: run.endedAt ?? null, waiting_for: [...waitingFor],
    stalled: holding.stalled, held_by: holding.held_by,
  };
}

/** Per-step live state (ARCHITECTURE §4). */
export type StepLiveState = 'todo' | 'now' | 'done' | 'blocked';

export interface StepView {
  id: string;
  state: StepLiveState;
  attempts: number;
  detail: string;
}

/**
 * Each step's live state: `todo` not reached; `now` ready, running, or waiting for a person or a
 * signal; `done` completed or skipped; `blocked` failed, or escalated and waiting for a person.
 */
export function stepViews(workflow: Workflow, state: RunState): StepView[] {
  return workflow.nodes.map((node): StepView => {
    const step = state.steps[node.id];
    if (step === undefined) return { id: node.id, state: 'todo', attempts: 0, detail: 'not reached' };
    const attempts = Math.max(step.attempt, step.status === 'completed' || step.status === 'failed' ? 1 : 0);
    const openTask = Object.values(state.tasks).find((t) => t.nodeId === node.id && t.status === 'open');
    const waits = step.status !== 'waiting' ? ''
      : step.waitingOn === 'signal' ? ` (signal ${step.signal ?? '?'})`
      : step.waitingOn === 'task' && openTask !== undefined ? ` (task ${openTask.taskId}${openTask.reason === undefined ? '' : `, ${openTask.reason}`})`
      : step.waitingOn === undefined ? '' : ` (${step.waitingOn})`;
    const view = (s: StepLiveState): StepView => ({ id: node.id, state: s, attempts, detail: `${step.status}${waits}` });
    switch (step.status) {
      case 'completed':
      case 'skipped': return view('done');
      case 'failed': return view('blocked');
      case 'waiting': return view(openTask !== undefined && (openTask.phase === 'escalation' || openTask.reason !== undefined) ? 'blocked' : 'now');
      default: return view('now');
    }
  });
}

/** What a run waits for, in words: its open tasks and the signals its steps wait for. */
export function describeWaits(state: RunState): string[] {
  const waits: string[] = [];
  for (const task of Object.values(state.tasks)) {
    if (task.status === 'open') waits.push(`task ${task.taskId} (${task.kind}: ${task.title})`);
  }
  for (const step of Object.values(state.steps)) {
    if (step.status === 'waiting' && step.waitingOn === 'signal' && step.signal !== undefined) waits.push(`signal ${step.signal}`);
  }
  return waits;
}

/** A task as adapters show it (`tasks --json` entry); `proposal` is what an agent proposed for a review. */
export interface TaskView {
  id: string;
  run: string;
  step: string;
  kind: string;
  reason: string | null;
  title: string;
  role: string | null;
  assignee: string | null;
  due_at: string | null;
  proposal: Record<string, unknown> | null;
  confidence: number | null;
}

/** The task row as a view, with the agent's proposal and confidence when the run recorded one. */
export function taskView(task: TaskRow, proposal?: { output?: Record<string, unknown>; confidence?: number }): TaskView {
  return {
    id: task.id, run: task.runId, step: task.nodeId, kind: task.kind, reason: task.reason ?? null, title: task.title, role: task.role ?? null,
    assignee: task.assignee ?? null, due_at: task.dueAt ?? null, proposal: proposal?.output ?? null, confidence: proposal?.confidence ?? null,
  };
}
