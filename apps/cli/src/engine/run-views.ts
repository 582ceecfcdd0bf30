import type { RunState } from '@sopflow/engine';
import type { RunSummary, TaskRow } from '@sopflow/store';
import type { Workflow } from '@sopflow/format';

/** `runs --json` entry: a contract scripts rely on. */
export function runView(run: RunSummary): { id: string; workflow: string; status: string; started_at: string; ended_at: string | null } {
  return { id: run.id, workflow: run.workflowId, status: run.status, started_at: run.startedAt, ended_at: run.endedAt ?? null };
}

export type StepView = { id: string; state: 'todo' | 'now' | 'done' | 'blocked'; attempts: number; detail: string };

/** `status --json` steps: todo (not reached), now (ready, running or waiting), done (completed or skipped), blocked (failed). */
export function stepViews(workflow: Workflow, state: RunState): StepView[] {
  return workflow.nodes.map((node) => {
    const step = state.steps[node.id];
    if (step === undefined) return { id: node.id, state: 'todo', attempts: 0, detail: 'not reached' };
    const view = (s: StepView['state']): StepView => ({ id: node.id, state: s, attempts: Math.max(step.attempt, step.status === 'completed' || step.status === 'failed' ? 1 : 0), detail: step.status + (step.waitingOn === undefined ? '' : ` (${step.waitingOn})`) });
    switch (step.status) {
      case 'completed':
      case 'skipped': return view('done');
      case 'failed': return view('blocked');
      default: return view('now');
    }
  });
}

/** `tasks --json` entry. */
export function taskView(task: TaskRow): { id: string; run: string; step: string; kind: string; reason: string | null; title: string; role: string | null; due_at: string | null } {
  return { id: task.id, run: task.runId, step: task.nodeId, kind: task.kind, reason: task.reason ?? null, title: task.title, role: task.role ?? null, due_at: task.dueAt ?? null };
}
