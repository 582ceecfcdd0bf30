import type { Engine } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';
import { describeWaits, runView, stepViews, type RunView, type StepView } from './run-views.js';
import { runHolding } from './run-stall.js';
import { taskViewsOf } from './task-views-of.js';
import type { TaskView } from './run-views.js';

type LoadedRun = Awaited<ReturnType<Engine['getRun']>>;

export interface RunStatusView extends RunView {
  steps: StepView[];
  /** Open tasks of the run, with any agent proposal awaiting review. */
  tasks: TaskView[];
  /** Decisions taken by one person for another: "entered by X for Y". */
  entered: { task: string; step: string; by: string; entered_by: string }[];
  error: { code: string; message: string } | null;
}

/** One run: its status, each step's live state, open tasks and what it waits for. Reads only; unknown_run when there is none. */
export async function getRunStatus(ctx: ServiceContext, runId: string): Promise<RunStatusView> {
  const engine = requireEngine(ctx);
  return runStatusOf(ctx, await serviceCall(() => engine.getRun(runId)));
}

/** The status view of a run already loaded (`engine.getRun`), so a caller that needs its events too reads it once. */
export async function runStatusOf(ctx: ServiceContext, run: LoadedRun): Promise<RunStatusView> {
  const runId = run.summary.id;
  const open = await serviceCall(() => ctx.store.listTasks({ runId, status: 'open' }));
  const now = new Date();
  const [lease] = await serviceCall(() => ctx.store.listLeases([runId]));
  const due = await serviceCall(() => ctx.store.dueTimers(runId, now));
  const workers = await serviceCall(() => ctx.store.listWorkers());
  const entered = run.events.flatMap((e) => {
    if (e.type !== 'TaskCompleted') return [];
    const by = (e as { enteredBy?: string }).enteredBy;
    return by === undefined ? [] : [{ task: e.taskId, step: e.nodeId, by: e.by, entered_by: by }];
  });
  return {
    ...runView(run.summary, describeWaits(run.state), runHolding(run.summary, lease, due.length > 0, now, undefined, workers)),
    steps: stepViews(run.source.workflow, run.state),
    tasks: taskViewsOf(open, run.state),
    entered,
    error: run.state.error ?? null,
  };
}
