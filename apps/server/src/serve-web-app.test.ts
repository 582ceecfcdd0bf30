import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
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
