import type { RunFilter, RunSummary, TaskFilter, TaskRow } from '@sopflow/engine';

/** Pure; whether a run summary passes a filter (shared by the memory store and tests). */
export function matchesRunFilter(run: RunSummary, filter: RunFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.status !== undefined && run.status !== filter.status) return false;
  if (filter.parentRunId !== undefined && run.parentRunId !== filter.parentRunId) return false;
  return true;
}

/** Pure; whether a task passes a filter. */
export function matchesTaskFilter(task: TaskRow, filter: TaskFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter.status !== undefined && task.status !== filter.status) return false;
  if (filter.role !== undefined && task.role !== filter.role) return false;
  if (filter.runId !== undefined && task.runId !== filter.runId) return false;
  return true;
}
