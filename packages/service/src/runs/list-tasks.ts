import type { RunState } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';
import type { TaskView } from './run-views.js';
import { taskViewsOf } from './task-views-of.js';

export interface ListTasksFilter {
  role?: string;
  runId?: string;
}

/** Open tasks waiting for a person (optionally of one role or run), each with any agent proposal it reviews. Reads only. */
export async function listTasks(ctx: ServiceContext, filter: ListTasksFilter = {}): Promise<TaskView[]> {
  const engine = requireEngine(ctx);
  const rows = await serviceCall(() => ctx.store.listTasks({
    status: 'open', ...(filter.role === undefined ? {} : { role: filter.role }), ...(filter.runId === undefined ? {} : { runId: filter.runId }),
  }));
  const states = new Map<string, RunState>();
  const views: TaskView[] = [];
  for (const row of rows) {
    let state = states.get(row.runId);
    if (state === undefined) {
      state = (await serviceCall(() => engine.getRun(row.runId))).state;
      states.set(row.runId, state);
    }
    views.push(...taskViewsOf([row], state));
  }
  return views;
}
