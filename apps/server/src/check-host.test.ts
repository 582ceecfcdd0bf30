import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken } from '@sopflow/service';
import { startServer, type RunningServer } from './start-server.js';

interface Answer { status: number; headers: Record<string, string | string[] | undefined>; json: any }

/** One request over the socket with this Host header (fetch does not let a caller name it). */
function send(server: RunningServer, method: string, path: string, host: string, headers: Record<string, string> = {}, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const req = request({
      host: '127.0.0.1', port: server.port, method, path,
      headers: { host, ...headers, ...(text === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }) },
    }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { data += chunk; });
      res.on('end', () => {
        let json: unknown = data;
        try { json = JSON.parse(data); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(text);
  });
}

describe('DNS rebinding: the server bound to 127.0.0.1 takes sessions only under its own names', () => {
  let dir: string;
  let server: RunningServer;
  let password: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-host-'));
    server = await startServer({ db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), host: '127.0.0.1', port: 0, webDir: null, allowedHosts: ['sop.example.com'] });
    password = server.firstLogin!.password;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a sign-in and a cookie session under a foreign Host with 403 (reason host), and takes them under 127.0.0.1, localhost and a named host', async () => {
    const email = server.firstLogin!.email;
    const evil = `rebind.attacker.test:${server.port}`;
    const refused = await send(server, 'POST', '/api/auth/login', evil, {}, { email, password });
    assert.equal(refused.status, 403, JSON.stringify(refused.json));
    assert.deepEqual([refused.json.error.code, refused.json.error.details], ['not_authorised', { reason: 'host', host: 'rebind.attacker.test' }]);
    assert.equal(refused.headers['set-cookie'], undefined, 'no session was started');

    const login = await send(server, 'POST', '/api/auth/login', `127.0.0.1:${server.port}`, {}, { email, password });
    assert.equal(login.status, 200, JSON.stringify(login.json));
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    const csrf: string = login.json.csrfToken;
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LOCALHOST:${server.port}`, 'sop.example.com']) {
      assert.equal((await send(server, 'GET', '/api/sops', host, { cookie })).status, 200, host);
    }
    const read = await send(server, 'GET', '/api/sops', evil, { cookie });
    assert.deepEqual([read.status, read.json.error.details.reason], [403, 'host']);
    const change = await send(server, 'POST', '/api/workstreams', evil, { cookie, 'x-csrf-token': csrf }, { name: 'Rebound' });
    assert.equal(change.status, 403);
    const listed = await send(server, 'GET', '/api/workstreams', `localhost:${server.port}`, { cookie });
    assert.ok(!listed.json.workstreams.some((w: any) => w.name === 'Rebound'), 'nothing was created under the foreign name');
  });

  it('lets bearer tokens and the public routes through under any Host (a browser never sends a token on its own)', async () => {
    const { token } = await createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: server.firstLogin!.email, scope: 'read' });
    const evil = `rebind.attacker.test:${server.port}`;
    assert.equal((await send(server, 'GET', '/api/sops', evil, { authorization: `Bearer ${token}` })).status, 200);
    assert.equal((await send(server, 'GET', '/healthz', evil)).status, 200);
    assert.equal((await send(server, 'GET', '/api/openapi.json', evil)).status, 200);
    assert.equal((await send(server, 'GET', '/api/sops', evil)).status, 401, 'no credentials at all is still 401');
  });
});
