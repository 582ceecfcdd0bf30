import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface RunEventView { seq: number; type: string; at: string; data: unknown }

/**
 * The events of a tenant's run after `afterSeq` (its stored history, in order) and the run's status
 * now; another tenant's run is not_found. What the server streams as server-sent events.
 */
export async function readRunEvents(ctx: ProcessContext, runId: string, afterSeq = 0): Promise<{ events: RunEventView[]; status: string; finished: boolean }> {
  const actor = requirePermission(ctx, 'sops.read');
  const link = await serviceCall(() => recordsOf(ctx.store).runs.find(actor.tenantId, runId));
  const run = link === undefined ? undefined : await serviceCall(() => ctx.store.getRun(runId));
  if (link === undefined || run === undefined) throw new ServiceError('not_found', `no run ${runId}`, { runId });
  const events = await serviceCall(() => ctx.store.readEvents(runId, afterSeq));
  return {
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at, data: e.data })),
    status: run.status,
    finished: run.status === 'completed' || run.status === 'failed' || run.status === 'cancelled',
  };
}
