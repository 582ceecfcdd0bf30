import type { Workflow } from '@sopflow/format';
import type { AppendRequest, TaskRow, TimerRow } from '../ports/run-records.js';
import type { RunEvent } from '../events/run-event.js';
import { isRunnable } from '../state/derive-run-status.js';
import { runHasEnded, type RunState, type TaskState } from '../state/run-state.js';
import { runQueue } from './step-queue.js';

/**
 * Pure; the append for a batch of events: the events, the run summary after them (with the queue its
 * pending work is on), and the timer and task rows they add, change or remove — written together in
 * one transaction. `pinned`: the workflow text, on a run's first append.
 */
export function buildAppendRequest(
  before: RunState, after: RunState, events: readonly RunEvent[], workflow: Workflow, pinned?: { hash: string; workflowId: string; text: string },
): AppendRequest {
  const timersAdded: TimerRow[] = [];
  const timersRemoved: string[] = [];
  const touchedTasks = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case 'TimerScheduled':
        timersAdded.push({ id: event.timerId, runId: after.runId, dueAt: event.dueAt, purpose: event.purpose, data: { nodeId: event.nodeId } });
        break;
      case 'TimerFired':
      case 'TimerCancelled':
        timersRemoved.push(event.timerId);
        break;
      case 'TaskOpened':
      case 'TaskCompleted':
      case 'TaskCancelled':
        touchedTasks.add(event.taskId);
        break;
      case 'Escalated':
        if (event.taskId !== undefined) touchedTasks.add(event.taskId);
        break;
      default:
        break;
    }
  }
  const added = new Set(timersAdded.map((t) => t.id));
  const wake = after.parentRunId !== undefined && runHasEnded(after) && !runHasEnded(before) ? after.parentRunId : undefined;
  return {
    runId: after.runId,
    expectedVersion: before.version,
    events: events.map((e) => ({ type: e.type, at: e.at, data: e })),
    run: {
      id: after.runId, workflowId: after.workflowId, workflowHash: after.contentHash, status: after.status, startedAt: after.startedAt,
      runnable: isRunnable(after), queue: runQueue(after, workflow),
      ...(after.parentRunId === undefined ? {} : { parentRunId: after.parentRunId }),
      ...(after.endedAt === undefined ? {} : { endedAt: after.endedAt }),
    },
    timersAdded: timersAdded.filter((t) => !timersRemoved.includes(t.id)),
    timersRemoved: timersRemoved.filter((id) => !added.has(id)),
    tasksUpserted: [...touchedTasks].map((id) => toTaskRow(after.runId, after.tasks[id])),
    ...(pinned === undefined ? {} : { workflow: pinned }),
    ...(wake === undefined ? {} : { wake }),
  };
}

/** Pure; a task as its inbox row. */
export function toTaskRow(runId: string, task: TaskState): TaskRow {
  const row: TaskRow = {
    id: task.taskId, runId, nodeId: task.nodeId, kind: task.kind, status: task.status, title: task.title, createdAt: task.openedAt,
  };
  if (task.role !== undefined) row.role = task.role;
  if (task.assignee !== undefined) row.assignee = task.assignee;
  if (task.reason !== undefined) row.reason = task.reason;
  if (task.form !== undefined) row.form = task.form;
  if (task.dueAt !== undefined) row.dueAt = task.dueAt;
  if (task.completedAt !== undefined) row.completedAt = task.completedAt;
  if (task.completedBy !== undefined) row.completedBy = task.completedBy;
  if (task.decision !== undefined) row.result = { decision: task.decision, ...(task.data === undefined ? {} : { data: task.data }) };
  return row;
}
