import { runWorker } from '@sopflow/engine';
import { failInterruptedImportJobs, fireDueRoutines, type Workspace } from '@sopflow/service';

export interface RuntimeOptions {
  /** How often the embedded worker looks for runnable runs; default 100 ms. */
  pollMs?: number;
  /** How often the scheduler looks for due routines; default 1000 ms. */
  tickMs?: number;
  /** Run the routine scheduler (default true); tests that drive fireDueRoutines themselves turn it off. */
  scheduler?: boolean;
  /** Told about each routine fire and each worker error (the CLI prints them). */
  log?: (line: string) => void;
}

export interface Runtime {
  /** Settles once the start-up work is done: import jobs a stop cut short are marked failed (their ids). */
  ready: Promise<string[]>;
  /** Stops the worker and the scheduler and lets the engine's steps in flight finish (up to `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * What runs beside the HTTP app: the embedded worker (claims runnable runs with leases, so other
 * workers on the same database share the work) and the routine scheduler (fires due routines once
 * each, see fireDueRoutines). Both stop with `stop()`. At start, import jobs that were queued or
 * running when the last server stopped are marked failed with a clear reason (failInterruptedImportJobs).
 */
export function startRuntime(ws: Workspace, options: RuntimeOptions = {}): Runtime {
  const log = options.log ?? (() => undefined);
  const ready = failInterruptedImportJobs({ store: ws.store }, new Date().toISOString())
    .then((ids) => { for (const id of ids) log(`import job ${id}: interrupted by the last stop, marked failed`); return ids; })
    .catch((error: unknown) => { log(`import jobs: ${(error as Error).message}`); return []; });
  const abort = new AbortController();
  const worker = runWorker({ engine: ws.engine, store: ws.store, pollMs: options.pollMs ?? 100, signal: abort.signal })
    .then((report) => { for (const e of report.errors) log(`worker: run ${e.runId}: ${e.message}`); })
    .catch((error: unknown) => log(`worker stopped: ${(error as Error).message}`));
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(async () => {
      try {
        for (const fire of await fireDueRoutines({ store: ws.store, engine: ws.engine })) {
          log(`routine ${fire.sopId} (${fire.scheduledFor}): ${fire.outcome}${fire.runId === null ? '' : ` ${fire.runId}`}${fire.message === undefined ? '' : ` — ${fire.message}`}`);
        }
      } catch (error) {
        log(`scheduler: ${(error as Error).message}`);
      }
    });
  }, options.tickMs ?? 1000);
  timer.unref();
  if (options.scheduler === false) clearInterval(timer);
  return {
    ready,
    async stop(graceMs = 5000) {
      clearInterval(timer);
      await ready;
      abort.abort();
      await ticking;
      await worker;
      await ws.engine.drain(graceMs);
    },
  };
}
