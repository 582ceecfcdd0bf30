import type { Selectable } from 'kysely';
import type { RunStatus, RunSummary, StoredEvent, TaskKind, TaskRow, TaskStatus, TimerRow } from '@sopflow/engine';
import type { StoreDatabase } from './database.js';

/** Pure; a runs row as a RunSummary. */
export function toRunSummary(row: Selectable<StoreDatabase['runs']>): RunSummary {
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowHash: row.workflow_hash,
    status: row.status as RunStatus,
    ...(row.parent_run_id === null ? {} : { parentRunId: row.parent_run_id }),
    startedAt: row.started_at,
    ...(row.ended_at === null ? {} : { endedAt: row.ended_at }),
    runnable: Number(row.runnable) === 1,
    queue: row.queue,
    version: Number(row.version),
  };
}

/** Pure; an events row as a StoredEvent (its data parsed). */
export function toStoredEvent(row: Selectable<StoreDatabase['events']>): StoredEvent {
  return { runId: row.run_id, seq: Number(row.seq), type: row.type, at: row.at, data: JSON.parse(row.data), prevHash: row.prev_hash, hash: row.hash };
}

/** Pure; a tasks row as a TaskRow. */
export function toTaskRow(row: Selectable<StoreDatabase['tasks']>): TaskRow {
  const task: TaskRow = {
    id: row.id, runId: row.run_id, nodeId: row.node_id, kind: row.kind as TaskKind, status: row.status as TaskStatus,
    title: row.title, createdAt: row.created_at,
  };
  if (row.role !== null) task.role = row.role;
  if (row.assignee !== null) task.assignee = row.assignee;
  if (row.reason !== null) task.reason = row.reason;
  if (row.form !== null) task.form = JSON.parse(row.form);
  if (row.due_at !== null) task.dueAt = row.due_at;
  if (row.completed_at !== null) task.completedAt = row.completed_at;
  if (row.completed_by !== null) task.completedBy = row.completed_by;
  if (row.result !== null) task.result = JSON.parse(row.result);
  return task;
}

/** Pure; a TaskRow as column values. */
export function fromTaskRow(task: TaskRow): Selectable<StoreDatabase['tasks']> {
  return {
    id: task.id, run_id: task.runId, node_id: task.nodeId, kind: task.kind, status: task.status,
    role: task.role ?? null, assignee: task.assignee ?? null, reason: task.reason ?? null, title: task.title,
    form: task.form === undefined ? null : JSON.stringify(task.form), due_at: task.dueAt ?? null, created_at: task.createdAt,
    completed_at: task.completedAt ?? null, completed_by: task.completedBy ?? null,
    result: task.result === undefined ? null : JSON.stringify(task.result),
  };
}

/** Pure; a timers row as a TimerRow. */
export function toTimerRow(row: Selectable<StoreDatabase['timers']>): TimerRow {
  return { id: row.id, runId: row.run_id, dueAt: row.due_at, purpose: row.purpose, ...(row.data === null ? {} : { data: JSON.parse(row.data) }) };
}
