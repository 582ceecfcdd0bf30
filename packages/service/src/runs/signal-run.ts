import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';

/** Delivers a named signal to a run; `no_waiter` (naming what the run waits for) when no step will take it. Returns the run's status after. */
export async function signalRun(ctx: ServiceContext, runId: string, name: string, payload?: unknown): Promise<{ run: string; signal: string; status: string }> {
  const engine = requireEngine(ctx);
  await serviceCall(() => engine.signal(runId, name, payload));
  await engine.settle();
  const run = await serviceCall(() => ctx.store.getRun(runId));
  return { run: runId, signal: name, status: run?.status ?? 'unknown' };
}
