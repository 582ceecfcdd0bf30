import type { RunFilter } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';
import { describeWaits, runView, type RunView } from './run-views.js';
import { runHolding } from './run-stall.js';

/** Every run (or those the filter selects) with its status; a waiting run names the tasks and signals it waits for. Reads only. */
export async function listRuns(ctx: ServiceContext, filter: RunFilter = {}): Promise<RunView[]> {
  const engine = requireEngine(ctx);
  const runs = await serviceCall(() => ctx.store.listRuns(filter));
  const now = new Date();
  const leases = new Map((await serviceCall(() => ctx.store.listLeases())).map((l) => [l.runId, l]));
  const workers = await serviceCall(() => ctx.store.listWorkers());
  const views: RunView[] = [];
  for (const run of runs) {
    if (run.status !== 'waiting' && run.status !== 'running') {
      views.push(runView(run));
      continue;
    }
    const { state } = await serviceCall(() => engine.getRun(run.id));
    const due = await serviceCall(() => ctx.store.dueTimers(run.id, now));
    views.push(runView(run, describeWaits(state), runHolding(run, leases.get(run.id), due.length > 0, now, undefined, workers)));
  }
  return views;
}
