import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Context, Hono } from 'hono';
import { acceptsGzip, COMPRESS_THRESHOLD_BYTES, isCompressible } from './compress-responses.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The built web app's folder: SOPFLOW_WEB_DIR, else the first `apps/web/dist` with an index.html
 * found walking up from this module (works from apps/server/dist and from the bundled CLI); undefined when none is built.
 */
export function findWebDist(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SOPFLOW_WEB_DIR !== undefined && env.SOPFLOW_WEB_DIR !== '') return resolve(env.SOPFLOW_WEB_DIR);
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** A file as served: its bytes, its gzip form (null when sent as is) and the headers both share. */
interface ServedFile { body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer> | null; headers: Record<string, string>; etag: string; gzipEtag: string; version: string }

/**
 * Serves the web app from `root` for every GET outside /api: a file when one matches, else index.html so the
 * app's own router shows the page; /api paths fall through to the API's 404. A content-hashed `/assets/*` file is
 * read and compressed once and then served from memory for a year (its name changes with its content); every other
 * file (index.html) is `no-cache`, re-read when its size or time changes, and answered 304 to a matching
 * `If-None-Match`. Text files of 1 KB and more go gzip-encoded to a client that accepts it.
 */
export function serveWebApp(app: Hono<any>, root: string): void {
  const base = resolve(root);
  const index = join(base, 'index.html');
  // Keyed by the resolved file, so however a path is spelled one file is kept once.
  const kept = new Map<string, ServedFile>();
  const assets = join(base, 'assets') + sep;
  app.get('*', (c) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return c.notFound();
    let candidate: string | undefined;
    try {
      candidate = resolve(base, `.${decodeURIComponent(path)}`);
    } catch {
      candidate = undefined;
    }
    const immutable = candidate !== undefined && candidate.startsWith(assets);
    const asset = immutable ? kept.get(candidate!) : undefined;
    if (asset !== undefined) return answer(c, asset);
    let file: string | undefined;
    if (candidate !== undefined && (candidate === base || candidate.startsWith(base + sep)) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
    if (file === undefined && extname(path) !== '' && path.startsWith('/assets/')) return c.notFound();
    const target = file ?? index;
    if (!existsSync(target)) return c.notFound();
    const served = immutable && file !== undefined ? load(target, IMMUTABLE, '') : revalidated(kept, target);
    kept.set(target, served);
    return answer(c, served);
  });
}

/** A file that is not immutable by name: the kept copy while its size and modification time are unchanged, else read again. */
function revalidated(kept: Map<string, ServedFile>, file: string): ServedFile {
  const stat = statSync(file);
  const version = `${stat.size}:${stat.mtimeMs}`;
  const current = kept.get(file);
  return current !== undefined && current.version === version ? current : load(file, 'no-cache', version);
}

/** Reads the file once and prepares both of its answers (the gzip form only for compressible text of 1 KB and more). */
function load(file: string, cacheControl: string, version: string): ServedFile {
  const body = new Uint8Array(readFileSync(file));
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const compress = body.byteLength >= COMPRESS_THRESHOLD_BYTES && isCompressible(type);
  const tag = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': cacheControl, 'x-content-type-options': 'nosniff' };
  if (compress) headers.vary = 'Accept-Encoding';
  return { body, gzip: compress ? new Uint8Array(gzipSync(body)) : null, headers, etag: `"${tag}"`, gzipEtag: `"${tag}-gz"`, version };
}

/** The file's answer for this request: 304 when the client holds this content, else its bytes (gzip when both sides allow). */
function answer(c: Context, file: ServedFile): Response {
  const gzip = file.gzip !== null && acceptsGzip(c.req.header('accept-encoding'));
  const etag = gzip ? file.gzipEtag : file.etag;
  const held = c.req.header('if-none-match');
  if (held !== undefined && held.split(',').some((t) => { const tag = t.trim().replace(/^W\//, ''); return tag === file.etag || tag === file.gzipEtag || tag === '*'; })) {
    return new Response(null, { status: 304, headers: { etag, 'cache-control': file.headers['cache-control']!, ...(file.gzip === null ? {} : { vary: 'Accept-Encoding' }) } });
  }
  const body = gzip ? file.gzip! : file.body;
  const headers = { ...file.headers, etag, 'content-length': String(body.byteLength), ...(gzip ? { 'content-encoding': 'gzip' } : {}) };
  return new Response(body, { status: 200, headers });
}
