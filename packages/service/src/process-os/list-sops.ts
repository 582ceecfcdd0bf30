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
  /** 1–1,000; default 50. */
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * A page of the library. The first page (no cursor) also tells how many SOPs match (`total`) and the cursor of
 * every later page at this limit (`pageCursors`, in order; the first is `nextCursor`), so a client may ask for them all at once.
 */
export interface SopPage { sops: SopSummary[]; nextCursor: string | null; total?: number; pageCursors?: string[] }

const STATUSES = ['draft', 'active', 'archived'];
/** The most SOPs a page may hold. */
export const SOP_PAGE_MAX = 1000;

/** The tenant's SOPs, oldest first, a page at a time (each with its step count and newest run): `nextCursor` is null on the last page. */
export async function listSops(ctx: ProcessContext, input: ListSopsInput = {}): Promise<SopPage> {
  const actor = requirePermission(ctx, 'sops.read');
  if (input.status !== undefined && !STATUSES.includes(input.status)) throw new ServiceError('invalid_request', `status ${input.status}: use draft, active or archived`, { field: 'status' });
  const limit = input.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > SOP_PAGE_MAX) throw new ServiceError('invalid_request', `limit is a whole number from 1 to ${SOP_PAGE_MAX}`, { field: 'limit' });
  let afterId: string | undefined;
  if (input.cursor !== undefined && input.cursor !== '') {
    afterId = Buffer.from(input.cursor, 'base64url').toString('utf8');
    if (!/^sop_[0-9a-z]+$/.test(afterId)) throw new ServiceError('invalid_request', 'cursor is not one this server gave', { field: 'cursor' });
  }
  const records = recordsOf(ctx.store);
  const filter = {
    ...(input.status === undefined ? {} : { status: input.status }), ...(input.workstreamId === undefined ? {} : { workstreamId: input.workstreamId }),
    ...(input.q === undefined ? {} : { q: input.q }),
  };
  // The first page comes with its total and later pages' starts in one read of the ids; a later page is a plain keyset read.
  const first = afterId === undefined ? await serviceCall(() => records.sops.firstPage(actor.tenantId, filter, limit)) : undefined;
  const rows = first?.rows ?? await serviceCall(() => records.sops.list(actor.tenantId, { ...filter, limit: limit + 1, afterId }));
  const page = rows.slice(0, limit);
  const versions = new Map((await serviceCall(() => records.sops.findVersions(actor.tenantId, page.map((sop) => sop.currentVersionId)))).map((v) => [v.id, v]));
  const sops = await summarizeSops(ctx, actor.tenantId, page.flatMap((sop) => {
    const version = versions.get(sop.currentVersionId);
    return version === undefined ? [] : [{ sop, version }];
  }));
  if (first === undefined) {
    const last = page[page.length - 1];
    return { sops, nextCursor: rows.length > limit && last !== undefined ? cursorAfter(last.id) : null };
  }
  const pageCursors = first.ends.map(cursorAfter);
  return { sops, nextCursor: pageCursors[0] ?? null, total: first.total, pageCursors };
}

/** The opaque cursor of the page that starts after this SOP. */
function cursorAfter(sopId: string): string {
  return Buffer.from(sopId, 'utf8').toString('base64url');
}
