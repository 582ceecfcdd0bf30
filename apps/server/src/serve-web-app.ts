import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Hono } from 'hono';
import { acceptsGzip, COMPRESS_THRESHOLD_BYTES, isCompressible } from './compress-responses.js';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json',
};

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

/**
 * Serves the web app from `root` for every GET outside /api: a file when one matches (hashed
 * assets cached for a year), else index.html so the app's own router shows the page. /api paths
 * fall through to the API's 404. Text files of 1 KB and more go gzip-encoded to a client that accepts it, each compressed once.
 */
export function serveWebApp(app: Hono<any>, root: string): void {
  const base = resolve(root);
  const index = join(base, 'index.html');
  app.get('*', (c) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/')) return c.notFound();
    let file: string | undefined;
    try {
      const candidate = resolve(base, `.${decodeURIComponent(path)}`);
      if ((candidate === base || candidate.startsWith(base + sep)) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
    } catch {
      file = undefined;
    }
    if (file === undefined && extname(path) !== '' && path.startsWith('/assets/')) return c.notFound();
    const target = file ?? index;
    if (!existsSync(target)) return c.notFound();
    const immutable = target !== index && path.startsWith('/assets/');
    const type = TYPES[extname(target)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache', 'x-content-type-options': 'nosniff' };
    const body = readFileSync(target);
    if (body.byteLength < COMPRESS_THRESHOLD_BYTES || !isCompressible(type)) return c.body(body, 200, headers);
    if (!acceptsGzip(c.req.header('accept-encoding'))) return c.body(body, 200, { ...headers, vary: 'Accept-Encoding' });
    return c.body(gzipped(target, body), 200, { ...headers, vary: 'Accept-Encoding', 'content-encoding': 'gzip' });
  });
}

// Each file's gzip form, made on its first request and kept while the file is unchanged (a build replaces it).
const GZIPPED = new Map<string, { source: Buffer; gzip: Uint8Array<ArrayBuffer> }>();

/** The file's bytes gzip-encoded, compressed once per content. */
function gzipped(file: string, body: Buffer): Uint8Array<ArrayBuffer> {
  const kept = GZIPPED.get(file);
  if (kept !== undefined && kept.source.equals(body)) return kept.gzip;
  const gzip = new Uint8Array(gzipSync(body));
  GZIPPED.set(file, { source: body, gzip });
  return gzip;
}
