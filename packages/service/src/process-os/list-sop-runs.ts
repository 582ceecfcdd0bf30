import { serviceCall } from '../as-service-error.js';
import { findSopOf } from './get-sop.js';
import { isInFlight, runHandle, type SopRunHandle } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** The SOP's runs, newest first (at most `limit`, 1–200, default 50); `finished` keeps those no longer in flight. */
export async function listSopRuns(ctx: ProcessContext, sopId: string, options: { limit?: number; finished?: boolean } = {}): Promise<SopRunHandle[]> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 200);
  const runs = await serviceCall(() => recordsOf(ctx.store).runs.listForSop(actor.tenantId, sop.id, limit));
  return runs.filter((r) => options.finished !== true || !isInFlight(r)).map(runHandle);
}
