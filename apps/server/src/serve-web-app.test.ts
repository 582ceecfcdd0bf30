import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import { findWebDist, serveWebApp } from './serve-web-app.js';

const BIG_SCRIPT = Array.from({ length: 200 }, (_, i) => `console.log('line ${i}');`).join('\n');

describe('serveWebApp', () => {
  let dir: string;
  let root: string;
  const app = new Hono();

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-web-dist-'));
    root = join(dir, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'main-abc.js'), 'console.log(1)');
    writeFileSync(join(root, 'assets', 'big-def.js'), BIG_SCRIPT);
    writeFileSync(join(dir, 'secret.txt'), 'outside the web root');
    app.get('/api/sops', (c) => c.json({ sops: [] }));
    serveWebApp(app, root);
    app.notFound((c) => c.json({ error: { code: 'not_found' } }, 404));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('serves a hashed asset with its type and a year-long cache', async () => {
    const res = await app.request('/assets/main-abc.js');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/javascript/);
    assert.match(res.headers.get('cache-control')!, /immutable/);
  });

  it('gzips a script of 1 KB and more for a client that accepts it (the same bytes each time), not a small one nor for a client that does not', async () => {
    const zipped = await app.request('/assets/big-def.js', { headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(zipped.headers.get('content-encoding'), 'gzip');
    assert.equal(zipped.headers.get('vary'), 'Accept-Encoding');
    const bytes = Buffer.from(await zipped.arrayBuffer());
    assert.equal(gunzipSync(bytes).toString('utf8'), BIG_SCRIPT);
    const again = await app.request('/assets/big-def.js', { headers: { 'accept-encoding': 'gzip' } });
    assert.deepEqual(Buffer.from(await again.arrayBuffer()), bytes);
    const plain = await app.request('/assets/big-def.js');
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), BIG_SCRIPT);
    assert.equal((await app.request('/assets/main-abc.js', { headers: { 'accept-encoding': 'gzip' } })).headers.get('content-encoding'), null);
  });

  it('answers a page path of the app with index.html, never cached', async () => {
    const res = await app.request('/sops/sop_123?tab=runs');
    assert.equal(res.status, 200);
    assert.match(await res.text(), /<div id="root">/);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
  });

  it('leaves /api to the API: its routes answer and unknown ones stay 404 JSON', async () => {
    assert.deepEqual(await (await app.request('/api/sops')).json(), { sops: [] });
    const res = await app.request('/api/nothing');
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { error: { code: 'not_found' } });
  });

  it('never reads a file outside its root, however the path is written', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt']) {
      const res = await app.request(path);
      assert.doesNotMatch(await res.text(), /outside the web root/, path);
    }
  });

  it('404s a missing asset instead of answering it with the page', async () => {
    assert.equal((await app.request('/assets/gone-123.js')).status, 404);
  });

  it('finds the folder named by SOPFLOW_WEB_DIR first', () => {
    assert.equal(findWebDist({ SOPFLOW_WEB_DIR: root }), root);
  });
});

/** One GET over a real socket, the body as the server sent it (never decoded). */
function fetchRaw(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject);
  });
}

describe('serveWebApp over HTTP', () => {
  let dir: string;
  let root: string;
  let server: ServerType;
  let port: number;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-web-http-'));
    root = join(dir, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><script src="/assets/app-111.js"></script>');
    writeFileSync(join(root, 'assets', 'app-111.js'), BIG_SCRIPT);
    writeFileSync(join(root, 'assets', 'tiny-222.js'), 'console.log(2)');
    const app = new Hono();
    serveWebApp(app, root);
    await new Promise<void>((resolve) => { server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => { port = info.port; resolve(); }); });
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends a hashed asset with its length, a year-long immutable cache and an ETag, gzip-encoded or not, and 304 for the held ETag', async () => {
    const plain = await fetchRaw(port, '/assets/app-111.js');
    assert.equal(plain.status, 200);
    assert.equal(plain.body.toString('utf8'), BIG_SCRIPT);
    assert.equal(plain.headers['content-length'], String(Buffer.byteLength(BIG_SCRIPT)));
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(plain.headers['content-type']!, /^text\/javascript/);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.etag!, /^"[\w-]+"$/);
    const zipped = await fetchRaw(port, '/assets/app-111.js', { 'accept-encoding': 'gzip' });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(zipped.headers.vary, 'Accept-Encoding');
    assert.equal(zipped.headers['content-length'], String(zipped.body.byteLength));
    assert.equal(gunzipSync(zipped.body).toString('utf8'), BIG_SCRIPT);
    assert.notEqual(zipped.headers.etag, plain.headers.etag, 'the gzip form is another representation');
    for (const held of [plain.headers.etag!, zipped.headers.etag!]) {
      const again = await fetchRaw(port, '/assets/app-111.js', { 'accept-encoding': 'gzip', 'if-none-match': held });
      assert.equal(again.status, 304);
      assert.equal(again.body.byteLength, 0);
      assert.equal(again.headers.etag, zipped.headers.etag);
    }
    assert.equal((await fetchRaw(port, '/assets/app-111.js', { 'if-none-match': '"something-else"' })).status, 200);
  });

  it('keeps serving the asset it first read, even when the file changes on disk (its name is its content)', async () => {
    const first = await fetchRaw(port, '/assets/tiny-222.js');
    assert.equal(first.body.toString('utf8'), 'console.log(2)');
    writeFileSync(join(root, 'assets', 'tiny-222.js'), 'console.log("changed")');
    const second = await fetchRaw(port, '/assets/tiny-222.js');
    assert.equal(second.body.toString('utf8'), 'console.log(2)');
    assert.equal(second.headers.etag, first.headers.etag);
  });

  it('revalidates index.html: no-cache, 304 while unchanged, the new page and ETag once it changes on disk', async () => {
    const page = await fetchRaw(port, '/library');
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.match(page.body.toString('utf8'), /app-111\.js/);
    assert.equal((await fetchRaw(port, '/', { 'if-none-match': page.headers.etag! })).status, 304);
    writeFileSync(join(root, 'index.html'), '<!doctype html><script src="/assets/app-333.js"></script><!-- a longer page -->');
    const rebuilt = await fetchRaw(port, '/library', { 'if-none-match': page.headers.etag! });
    assert.equal(rebuilt.status, 200);
    assert.match(rebuilt.body.toString('utf8'), /app-333\.js/);
    assert.notEqual(rebuilt.headers.etag, page.headers.etag);
  });
});
