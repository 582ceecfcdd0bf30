import type { WorkflowSource } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';
import { listTasks } from './list-tasks.js';
import type { TaskView } from './run-views.js';

export interface StartRunInput {
  source: WorkflowSource;
  inputs?: Record<string, unknown>;
  /** Only record the run; a worker executes it. */
  detach?: boolean;
}

/**
 * Starts a run of a workflow version; inputs are checked against the declared inputs (invalid_input
 * naming each problem, nothing stored). Without `detach`, automated steps run now. Returns the
 * run's status and the tasks it then waits on.
 */
export async function startRun(ctx: ServiceContext, input: StartRunInput): Promise<{ id: string; status: string; tasks: TaskView[] }> {
  const engine = requireEngine(ctx);
  const id = await serviceCall(() => engine.startRun(input.source, input.inputs ?? {}, { detach: input.detach === true }));
  const run = await serviceCall(() => ctx.store.getRun(id));
  const tasks = await listTasks(ctx, { runId: id });
  return { id, status: run?.status ?? 'unknown', tasks };
}
