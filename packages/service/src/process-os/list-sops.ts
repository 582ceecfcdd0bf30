import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { SopSummary } from './sop-views.js';
import { summarizeSops } from './summarize-sops.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface ListSopsInput {
  status?: string;
  workstreamId?: string;
  /** Words in the title or workflow id (case-insensitive). */
  q?: string;
  /** 1–200; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

const STATUSES = ['draft', 'active', 'archived'];

/** The tenant's SOPs, oldest first, a page at a time (each with its step count and newest run): `nextCursor` is null on the last page. */
export async function listSops(ctx: ProcessContext, input: ListSopsInput = {}): Promise<{ sops: SopSummary[]; nextCursor: string | null }> {
  const actor = requirePermission(ctx, 'sops.read');
  if (input.status !== undefined && !STATUSES.includes(input.status)) throw new ServiceError('invalid_request', `status ${input.status}: use draft, active or archived`, { field: 'status' });
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new ServiceError('invalid_request', 'limit is a whole number from 1 to 200', { field: 'limit' });
  let afterId: string | undefined;
  if (input.cursor !== undefined && input.cursor !== '') {
    afterId = Buffer.from(input.cursor, 'base64url').toString('utf8');
    if (!/^sop_[0-9a-z]+$/.test(afterId)) throw new ServiceError('invalid_request', 'cursor is not one this server gave', { field: 'cursor' });
  }
  const records = recordsOf(ctx.store);
  const rows = await serviceCall(() => records.sops.list(actor.tenantId, {
    limit: limit + 1, ...(input.status === undefined ? {} : { status: input.status }), ...(input.workstreamId === undefined ? {} : { workstreamId: input.workstreamId }),
    ...(input.q === undefined ? {} : { q: input.q }), ...(afterId === undefined ? {} : { afterId }),
  }));
  const page = rows.slice(0, limit);
  const versions = new Map((await serviceCall(() => records.sops.findVersions(actor.tenantId, page.map((sop) => sop.currentVersionId)))).map((v) => [v.id, v]));
  const sops = await summarizeSops(ctx, actor.tenantId, page.flatMap((sop) => {
    const version = versions.get(sop.currentVersionId);
    return version === undefined ? [] : [{ sop, version }];
  }));
  const last = page[page.length - 1];
  return { sops, nextCursor: rows.length > limit && last !== undefined ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
}
