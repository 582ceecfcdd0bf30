import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gunzipSync, inflateSync } from 'node:zlib';
import { createToken } from '@sopflow/service';
import { acceptsGzip } from './compress-responses.js';
import { startServer, type RunningServer } from './start-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';

interface Raw { status: number; headers: IncomingHttpHeaders; body: Buffer }

describe('compressed answers over a real socket', () => {
  let dir: string;
  let server: RunningServer;
  let auth: Record<string, string>;
  // node:http decodes nothing: each test sees the bytes the server wrote.
  const get = (path: string, headers: Record<string, string> = {}) => new Promise<Raw>((resolve, reject) => {
    request(server.url + path, { headers: { ...auth, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
  let runId: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-compress-'));
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: 20 }, pollMs: 20 });
    const token = (await createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: 'owner@localhost', scope: 'admin' })).token;
    auth = { authorization: `Bearer ${token}` };
    const post = async (path: string, body?: unknown) => (await fetch(server.url + path, {
      method: 'POST', headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })).json() as Promise<any>;
    let last = '';
    for (let i = 0; i < 6; i++) {
      last = (await post('/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: contract-${i}`) })).sop.id;
    }
    await post(`/api/sops/${last}/publish`);
    runId = (await post(`/api/sops/${last}/run`)).runId; // waits at its human step: its event stream stays open
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gzips the library list for a client that accepts it, the body decoding to the same JSON, with Vary: Accept-Encoding', async () => {
    const plain = await get('/api/sops');
    const zipped = await get('/api/sops', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(plain.status, 200);
    assert.ok(plain.body.length > 1024, `the list is ${plain.body.length} bytes, too small to show anything`);
    assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: no encoding');
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.match(String(zipped.headers.vary), /accept-encoding/i);
    assert.match(String(plain.headers.vary), /accept-encoding/i);
    assert.ok(zipped.body.length < plain.body.length / 2, `gzip ${zipped.body.length} bytes vs ${plain.body.length}`);
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));
    assert.equal((await get('/api/sops', { 'accept-encoding': 'gzip', 'if-none-match': String(zipped.headers.etag) })).status, 304, 'the gzip form\'s ETag still matches');
  });

  it('compresses other large JSON (the OpenAPI document) with gzip or deflate, whichever the client takes', async () => {
    const plain = await get('/api/openapi.json');
    const zipped = await get('/api/openapi.json', { 'accept-encoding': 'gzip' });
    const deflated = await get('/api/openapi.json', { 'accept-encoding': 'deflate' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    assert.equal(deflated.headers['content-encoding'], 'deflate');
    assert.deepEqual(JSON.parse(gunzipSync(zipped.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));
    assert.deepEqual(JSON.parse(inflateSync(deflated.body).toString('utf8')), JSON.parse(plain.body.toString('utf8')));
  });

  it('leaves a body under 1 KB as it is, even for a client that accepts gzip', async () => {
    const small = await get('/healthz', { 'accept-encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.deepEqual(JSON.parse(small.body.toString('utf8')), { ok: true });
  });

  it("never compresses a run's event stream: its first event arrives while the stream is still open", async () => {
    const first = await new Promise<{ headers: IncomingHttpHeaders; text: string }>((resolve, reject) => {
      const req = request(`${server.url}/api/runs/${runId}/events`, { headers: { ...auth, 'accept-encoding': 'gzip, deflate' } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\n\n')) { resolve({ headers: res.headers, text }); req.destroy(); }
        });
        res.on('end', () => reject(new Error(`the stream ended before its first event: ${text}`)));
      });
      req.on('error', (e) => { if (!req.destroyed) reject(e); }).end();
    });
    assert.match(String(first.headers['content-type']), /^text\/event-stream/);
    assert.equal(first.headers['content-encoding'], undefined);
    assert.match(first.text, /^(id|event|data):/m);
  });

  it('reads Accept-Encoding: gzip by name or *, not with q=0', () => {
    assert.equal(acceptsGzip('gzip, deflate, br'), true);
    assert.equal(acceptsGzip('br;q=1, *;q=0.1'), true);
    assert.equal(acceptsGzip('gzip;q=0, br'), false);
    assert.equal(acceptsGzip('identity'), false);
    assert.equal(acceptsGzip(undefined), false);
  });
});
