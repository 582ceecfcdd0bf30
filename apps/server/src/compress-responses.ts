import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';

/** Bodies smaller than this many bytes go as they are: gzip's header and the CPU outweigh the bytes saved. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

// JSON, text and the web app's scripts and styles; never a server-sent event stream (each event must be flushed as it comes).
const COMPRESSIBLE = /^\s*(?:application\/json|text\/(?!event-stream)[^;\s]+|image\/svg\+xml)(?:[;\s]|$)/i;

/**
 * Whole compressible bodies (JSON, text, scripts) gzip- or deflate-encoded when the request's Accept-Encoding
 * allows it (Hono's `compress`), from COMPRESS_THRESHOLD_BYTES up; `Vary: Accept-Encoding` on each of them.
 * Streams (text/event-stream) and other types pass untouched, unbuffered.
 */
export function compressResponses(): MiddlewareHandler[] {
  return [compress({ threshold: COMPRESS_THRESHOLD_BYTES, contentTypeFilter: COMPRESSIBLE }), measureBody];
}

/** Pure; whether a body of this Content-Type is worth compressing (JSON, text, SVG; never an event stream). */
export function isCompressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

/** Gives a compressible body its Content-Length (Hono's own bodies have none), so `compress` can leave a small one alone. */
const measureBody: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  if (res.body === null || res.headers.has('content-length') || res.headers.has('content-encoding') || !isCompressible(res.headers.get('content-type') ?? '')) return;
  const bytes = await res.arrayBuffer();
  c.res = new Response(bytes, res);
  c.res.headers.set('content-length', String(bytes.byteLength));
};

/** Pure; whether an Accept-Encoding header allows gzip (by name or `*`, with a q above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name !== 'gzip' && name !== 'x-gzip' && name !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}
