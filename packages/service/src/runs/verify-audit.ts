import type { StoreAuditReport } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';

export type { StoreAuditReport } from '@sopflow/store';

/**
 * Recomputes every run's hash chain (or one run's) and, for the whole store, every tenant's admin audit chain, in the
 * store's one audit read (SQLite and PostgreSQL stores report it as `adminLog`); `unknown_run` when the run named
 * does not exist. Reads only.
 */
export async function verifyAudit(ctx: ServiceContext, runId?: string): Promise<StoreAuditReport> {
  if (runId !== undefined && (await serviceCall(() => ctx.store.getRun(runId))) === undefined && (await serviceCall(() => ctx.store.readEvents(runId))).length === 0) {
    throw new ServiceError('unknown_run', `no run with id ${runId}`);
  }
  return serviceCall(() => ctx.store.verifyAuditChain(runId));
}
