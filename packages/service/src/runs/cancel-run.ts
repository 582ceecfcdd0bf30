import { serviceCall } from '../as-service-error.js';
import { checkText } from '../check-text.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';

/** Cancels a run as the context's actor (recorded as who cancelled): open tasks close, steps in flight are skipped. */
export async function cancelRun(ctx: ServiceContext, runId: string, reason: string): Promise<{ run: string; status: string }> {
  const engine = requireEngine(ctx);
  checkText(reason, 'reason');
  await serviceCall(() => engine.cancel(runId, reason, ctx.actor?.name));
  const run = await serviceCall(() => ctx.store.getRun(runId));
  return { run: runId, status: run?.status ?? 'unknown' };
}
