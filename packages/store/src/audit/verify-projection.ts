import { foldRun, toTaskRow, type AuditBreak, type RunEvent, type RunState, type TaskRow } from '@sopflow/engine';

/** The projections a store keeps for one run, as read back. */
export interface StoredProjection {
  status: string;
  version: number;
  workflowHash: string;
  endedAt?: string;
  tasks: readonly TaskRow[];
}

const TASK_FIELDS = ['status', 'kind', 'nodeId', 'role', 'assignee', 'completedBy'] as const;

/**
 * Pure; re-folds the run's events with the engine's `foldRun` and reports the first projection that
 * differs (status, version, workflow hash, end time, tasks), or undefined. Call it on a chain that verified.
 */
export function verifyProjection(runId: string, events: readonly unknown[], stored: StoredProjection): AuditBreak | undefined {
  const broken = (message: string): AuditBreak => ({ runId, seq: 0, problem: 'projection', message: `run ${runId}: ${message}` });
  let state: RunState;
  try {
    state = foldRun(events as RunEvent[], runId);
  } catch (error) {
    return broken(`its events do not fold into a run (${(error as Error).message})`);
  }
  if (state.version !== stored.version) return broken(`the run record says version ${stored.version} but the events fold to ${state.version}`);
  if (state.status !== stored.status) return broken(`the run record says status '${stored.status}' but the events say '${state.status}'`);
  if (state.contentHash !== stored.workflowHash) return broken(`the run record is pinned to workflow ${stored.workflowHash} but the events started it on ${state.contentHash}`);
  if ((state.endedAt ?? null) !== (stored.endedAt ?? null)) {
    return broken(`the run record says it ended ${stored.endedAt ?? 'never'} but the events say ${state.endedAt ?? 'never'}`);
  }
  const storedTasks = new Map(stored.tasks.map((t) => [t.id, t]));
  for (const task of Object.values(state.tasks)) {
    const want = toTaskRow(runId, task);
    const have = storedTasks.get(want.id);
    if (have === undefined) return broken(`task ${want.id} is in the events but not in the inbox`);
    storedTasks.delete(want.id);
    for (const field of TASK_FIELDS) {
      if ((have[field] ?? null) !== (want[field] ?? null)) {
        return broken(`task ${want.id}: the inbox says ${field} ${JSON.stringify(have[field] ?? null)} but the events say ${JSON.stringify(want[field] ?? null)}`);
      }
    }
  }
  for (const extra of storedTasks.keys()) return broken(`task ${extra} is in the inbox but no event opened it`);
  return undefined;
}
