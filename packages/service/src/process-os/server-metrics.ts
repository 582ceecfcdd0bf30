import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';

/** What /metrics reports from the store: runs by status, runs waiting for a worker, and open tasks (across tenants; counts only). */
export interface StoreGauges {
  runsByStatus: Record<string, number>;
  /** Runs a worker has something to do for (the work queue's depth). */
  runnable: number;
  /** Tasks waiting for a person. */
  openTasks: number;
}

/** Reads the store's gauges for a metrics scrape; reads only. */
export async function readStoreGauges(store: RunStore): Promise<StoreGauges> {
  const runs = await serviceCall(() => store.listRuns());
  const runsByStatus: Record<string, number> = { running: 0, waiting: 0, completed: 0, failed: 0, cancelled: 0 };
  let runnable = 0;
  for (const run of runs) {
    runsByStatus[run.status] = (runsByStatus[run.status] ?? 0) + 1;
    if (run.runnable) runnable += 1;
  }
  const openTasks = (await serviceCall(() => store.listTasks({ status: 'open' }))).length;
  return { runsByStatus, runnable, openTasks };
}
