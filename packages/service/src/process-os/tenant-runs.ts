import type { AuditReport } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { cancelRun } from '../runs/cancel-run.js';
import { getRunLog } from '../runs/get-run-log.js';
import { verifyAudit } from '../runs/verify-audit.js';
import { runHandle, type SopRunHandle } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface ListRunsInput {
  status?: string;
  sopId?: string;
  /** 1–200; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

const RUN_STATUSES = ['starting', 'running', 'waiting', 'completed', 'failed', 'cancelled'];

/** A run in the tenant's list: its handle and which SOP, version and person started it. */
export interface TenantRunSummary extends SopRunHandle { sopId: string; versionId: string; startedBy: string }

/** The tenant's runs, newest first, a page at a time (`nextCursor` null on the last page); filters status and SOP. */
export async function listTenantRuns(ctx: ProcessContext, input: ListRunsInput = {}): Promise<{ runs: TenantRunSummary[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'sops.read');
  if (input.status !== undefined && !RUN_STATUSES.includes(input.status)) throw new ServiceError('invalid_request', `status ${input.status}: use ${RUN_STATUSES.join(', ')}`, { field: 'status' });
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ServiceError('invalid_request', 'limit is a whole number from 1 to 200', { field: 'limit' });
  let before: { createdAt: string; runId: string } | undefined;
  if (input.cursor !== undefined && input.cursor !== '') {
    const [createdAt, runId] = Buffer.from(input.cursor, 'base64url').toString('utf8').split('|');
    if (createdAt === undefined || runId === undefined || Number.isNaN(Date.parse(createdAt))) throw new ServiceError('invalid_request', 'cursor is not one this server gave', { field: 'cursor' });
    before = { createdAt, runId };
  }
  const rows = await serviceCall(() => recordsOf(ctx.store).runs.list(actor.tenantId, {
    limit: limit + 1, ...(input.status === undefined ? {} : { status: input.status }), ...(input.sopId === undefined ? {} : { sopId: input.sopId }),
    ...(before === undefined ? {} : { before }),
  }));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    runs: page.map((r) => ({ ...runHandle(r), sopId: r.sopId, versionId: r.versionId, startedBy: r.startedBy })),
    nextCursor: rows.length > limit && last !== undefined ? Buffer.from(`${last.createdAt}|${last.runId}`, 'utf8').toString('base64url') : null,
  };
}

/** The run's link in the tenant, or not_found exactly like a missing run. */
async function requireTenantRun(ctx: ProcessContext, tenantId: string, runId: string): Promise<void> {
  const link = await serviceCall(() => recordsOf(ctx.store).runs.find(tenantId, runId));
  if (link === undefined || await serviceCall(() => ctx.store.getRun(runId)) === undefined) throw new ServiceError('not_found', `no run ${runId}`, { runId });
}

/** Cancels a run of the tenant as the caller (needs runs.start): open tasks close, steps in flight are skipped; a finished run is run_finished (409). */
export async function cancelTenantRun(ctx: ProcessContext, runId: string, input: { reason?: string } = {}): Promise<{ run: string; status: string }> {
  const actor = requirePermission(ctx, 'runs.start');
  await requireTenantRun(ctx, actor.tenantId, runId);
  return cancelRun(ctx, runId, input.reason?.trim() || `cancelled by ${actor.email}`);
}

/** The run as an `.osoplog` execution record (YAML or JSON text) and a file name for it. */
export async function getTenantRunLog(ctx: ProcessContext, runId: string, format: 'yaml' | 'json' = 'yaml'): Promise<{ fileName: string; text: string }> {
  const actor = requirePermission(ctx, 'sops.read');
  await requireTenantRun(ctx, actor.tenantId, runId);
  return { fileName: `${runId}.osoplog${format === 'json' ? '.json' : ''}`, text: await getRunLog(ctx, runId, format) };
}

/** The run's audit chain recomputed (every event's hash, the head, the projection); `ok` false with the breaks when anything was changed. Reads only. */
export async function verifyTenantRunAudit(ctx: ProcessContext, runId: string): Promise<AuditReport> {
  const actor = requirePermission(ctx, 'sops.read');
  await requireTenantRun(ctx, actor.tenantId, runId);
  return verifyAudit(ctx, runId);
}
