import type { AuditReport } from '@sopflow/engine';
import { processRecordsOf, type AdminAuditReport } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';

/** The audit's verdict: the runs' report and, for a whole-store check of a store that keeps one, every tenant's admin log. `ok` covers both. */
export type StoreAuditReport = AuditReport & { adminLog?: AdminAuditReport };

/**
 * Recomputes every run's hash chain (or one run's) and, for the whole store, every tenant's admin audit chain;
 * `unknown_run` when the run named does not exist. Reads only.
 */
export async function verifyAudit(ctx: ServiceContext, runId?: string): Promise<StoreAuditReport> {
  if (runId !== undefined && (await serviceCall(() => ctx.store.getRun(runId))) === undefined && (await serviceCall(() => ctx.store.readEvents(runId))).length === 0) {
    throw new ServiceError('unknown_run', `no run with id ${runId}`);
  }
  const report = await serviceCall(() => ctx.store.verifyAuditChain(runId));
  const records = runId === undefined ? processRecordsOf(ctx.store) : undefined;
  if (records === undefined) return report;
  const adminLog = await serviceCall(() => records.audit.verify());
  return { ...report, ok: report.ok && adminLog.ok, adminLog };
}
