import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { cacheVersionsOf, listSops, requirePermission, type ListSopsInput, type Workspace } from '@sopflow/service';
import type { ServerEnv } from './authenticate-request.js';
import { acceptsGzip, COMPRESS_THRESHOLD_BYTES } from './compress-responses.js';
import { context } from './request-context.js';
import { createVersionedCache } from './versioned-cache.js';

/** How long a library page is served again, and how many pages are kept. */
export interface SopListCacheOptions {
  /**
   * Default 60,000 ms. A page is served only while the tenant's library version (cacheVersionsOf) is the
   * one it was read at: a change by any process shows on the next request (PostgreSQL: once its NOTIFY has
   * arrived; nothing is kept while the listener is not connected). The time covers a LISTEN connection lost without notice.
   */
  ttlMs?: number;
  /** Default 256 pages (each tenant, filter and cursor is one); past it the oldest goes first. */
  max?: number;
  now?: () => number;
}

// The headers of the answers, made once per page (not on every request); the gzip form made on its first request.
interface Page { body: Uint8Array<ArrayBuffer>; etag: string; full: Record<string, string>; unchanged: Record<string, string>; gzip?: { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } }

/**
 * `GET /api/sops` answered from pages kept per (tenant, query) and tagged with the tenant's library
 * version (`cacheVersionsOf`): the permission is checked on every request, and every caller who
 * may read SOPs sees the same library, so the role adds nothing to the key. The answer carries a
 * strong ETag of its body; `If-None-Match` with it is 304 and no body. A client that accepts gzip gets the page
 * compressed once and kept with it (no compression per request).
 */
export function createSopListResponder(ws: Workspace, options: SopListCacheOptions = {}): (c: Context<ServerEnv>, input: ListSopsInput) => Promise<Response> {
  const pages = createVersionedCache<Page>({ ttlMs: options.ttlMs ?? 60_000, max: options.max ?? 256, ...(options.now === undefined ? {} : { now: options.now }) });
  const versions = cacheVersionsOf(ws.store);
  return async (c, input) => {
    const ctx = context(c, ws);
    const { tenantId } = requirePermission(ctx, 'sops.read');
    const key = JSON.stringify([tenantId, input.status, input.workstreamId, input.q, input.limit, input.cursor]);
    const page = await pages.get(key, versions.library(tenantId), async () => {
      // Kept encoded: each answer writes the bytes as they are.
      const body = new TextEncoder().encode(JSON.stringify(await listSops(ctx, input)));
      const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
      const unchanged = { etag, 'cache-control': 'private, no-cache', vary: 'Accept-Encoding' };
      return { body, etag, unchanged, full: { ...unchanged, 'content-type': 'application/json', 'content-length': String(body.byteLength) } };
    });
    if (matchesEtag(c.req.header('if-none-match'), page.etag)) return c.body(null, 304, page.unchanged);
    if (page.body.byteLength < COMPRESS_THRESHOLD_BYTES || !acceptsGzip(c.req.header('accept-encoding'))) return c.body(page.body, 200, page.full);
    page.gzip ??= gzipOf(page);
    return c.body(page.gzip.body, 200, page.gzip.headers);
  };
}

/** The page gzip-encoded once, its headers saying so (a weak ETag, as for any body compressed on the way out). */
function gzipOf(page: Page): NonNullable<Page['gzip']> {
  const body = new Uint8Array(gzipSync(page.body));
  return { body, headers: { ...page.full, etag: `W/${page.etag}`, 'content-encoding': 'gzip', 'content-length': String(body.byteLength) } };
}

/** Pure; whether an If-None-Match header names this ETag (weak or strong, or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t === etag || t === `W/${etag}`;
  });
}
