import type { RunStore } from '../ports/run-store.js';
import type { Clock } from '../ports/clock.js';
import { createSystemClock } from '../ports/clock.js';
import type { Engine } from './engine.js';

export interface WorkerOptions {
  engine: Engine;
  store: RunStore;
  clock?: Clock;
  /** Runs handled at once. Default 8. */
  concurrency?: number;
  leaseTtlMs?: number;
  /** Wait between polls when nothing is runnable. Default 250 ms. */
  pollMs?: number;
  /** Return once nothing is runnable (and no timer is due). */
  untilIdle?: boolean;
  /** Stop polling when aborted. */
  signal?: AbortSignal;
  /** Real waiting between polls; tests pass a function that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WorkerReport {
  runsHandled: number;
  /** Runs that could not be taken over (e.g. their pinned workflow is missing), with the reason. */
  errors: { runId: string; message: string }[];
}

/**
 * Claims runnable runs and runs with due timers (leases in the store, so several workers on one
 * database never handle a run at once), takes each over — which recovers steps a crash left
 * without a result — and repeats until stopped, or until idle with `untilIdle`.
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerReport> {
  const clock = options.clock ?? createSystemClock();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const report: WorkerReport = { runsHandled: 0, errors: [] };
  const broken = new Set<string>();
  while (options.signal?.aborted !== true) {
    // Yield to timers and I/O between rounds: the store's calls may all resolve as microtasks.
    await new Promise((resolve) => setImmediate(resolve));
    const claimed = await options.store.claimRuns(options.engine.owner, clock.now(), options.leaseTtlMs ?? 30_000, options.concurrency ?? 8);
    if (claimed.every((id) => broken.has(id))) {
      if (options.untilIdle === true) break;
      await sleep(options.pollMs ?? 250);
      continue;
    }
    await Promise.all(claimed.filter((id) => !broken.has(id)).map(async (runId) => {
      try {
        await options.engine.takeOver(runId);
        report.runsHandled += 1;
      } catch (error) {
        broken.add(runId);
        report.errors.push({ runId, message: (error as Error).message });
      }
    }));
  }
  return report;
}
