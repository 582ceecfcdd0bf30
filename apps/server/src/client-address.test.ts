import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { resolveClientAddress, trustedProxies } from './client-address.js';
import { startServer, type RunningServer } from './start-server.js';

/** A sign-in over the socket from 127.0.0.1, with the X-Forwarded-For a proxy (or a liar) sends; the status. */
function signIn(server: RunningServer, email: string, password: string, forwardedFor?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ email, password });
    const req = request({
      host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...(forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor }) },
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode ?? 0)); });
    req.on('error', reject);
    req.end(body);
  });
}

/** A server on 127.0.0.1 in its own store, three failed sign-ins per client allowed. */
function serverWith(trustProxy?: string[]) {
  let dir = '';
  const box: { server?: RunningServer } = {};
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-client-'));
    box.server = await startServer({
      db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), host: '127.0.0.1', port: 0, webDir: null,
      loginLimit: { maxFailures: 3, windowMs: 60_000 }, ...(trustProxy === undefined ? {} : { trustProxy }),
    });
  });
  after(async () => {
    await box.server?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get server() { return box.server!; },
    get owner() { return { email: box.server!.firstLogin!.email, password: box.server!.firstLogin!.password }; },
  };
}

describe('the login limit keys a client by its connection unless a trusted proxy forwarded it (real sockets on 127.0.0.1)', () => {
  describe('no proxy trusted (the default)', () => {
    const s = serverWith();
    it('ignores a spoofed X-Forwarded-For: three failures with three different headers limit the connection, whatever the fourth says', async () => {
      for (let i = 0; i < 3; i++) assert.equal(await signIn(s.server, `nobody-${i}@acme.test`, 'wrong', `198.51.100.${i}`), 401);
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.99'), 429, 'the right password, a fresh header: still limited');
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password), 429);
    });
  });

  describe('127.0.0.1 trusted (a proxy on the same machine) and 10.0.0.0/8 (proxies inside)', () => {
    const s = serverWith(['127.0.0.1', '10.0.0.0/8']);
    it('gives two clients behind the proxy their own budgets', async () => {
      for (let i = 0; i < 3; i++) assert.equal(await signIn(s.server, `a-${i}@acme.test`, 'wrong', '203.0.113.5'), 401);
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.5'), 429, 'client A spent its budget');
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.6'), 200, 'client B, behind the same proxy, has its own');
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.5'), 429, 'and A stays limited');
    });

    it('resolves a chain with a spoofed leftmost entry to the first untrusted hop from the right (IPv6 and IPv4-mapped too)', async () => {
      // The client wrote the leftmost entry; the internal proxy (10.x) and the local one are trusted and skipped.
      for (let i = 0; i < 3; i++) assert.equal(await signIn(s.server, `c-${i}@acme.test`, 'wrong', `192.0.2.${i}, 203.0.113.7, 10.1.1.${i}`), 401);
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '6.6.6.6, 203.0.113.7'), 429, 'another spoofed entry changes nothing');
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.7, 203.0.113.8'), 200, 'the hop the proxy appended is the client');
      for (const form of ['2001:db8::5', '[2001:DB8::5]:51000', '2001:db8:0::5']) assert.equal(await signIn(s.server, `d-${form}@acme.test`, 'wrong', form), 401);
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '2001:db8::5'), 429, 'one IPv6 client however it is written');
      for (const form of ['::ffff:203.0.113.9', '203.0.113.9:4431', '::FFFF:203.0.113.9']) assert.equal(await signIn(s.server, `e-${form}@acme.test`, 'wrong', form), 401);
      assert.equal(await signIn(s.server, s.owner.email, s.owner.password, '203.0.113.9'), 429, 'an IPv4-mapped address is its IPv4 client');
    });
  });
});

describe('resolveClientAddress and trustedProxies (pure)', () => {
  const trusted = trustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1']);
  const cases: [peer: string, xff: string | undefined, expected: string][] = [
    ['203.0.113.1', '10.0.0.1, 198.51.100.1', '203.0.113.1'],
    ['127.0.0.1', undefined, '127.0.0.1'],
    ['::ffff:127.0.0.1', '198.51.100.1', '198.51.100.1'],
    ['::1', 'fd12::3, 2001:db8::1, fd00::9', '2001:db8::1'],
    ['127.0.0.1', '10.0.0.7, 10.0.0.8', '10.0.0.7'],
    ['127.0.0.1', 'unknown, 10.0.0.8', '10.0.0.8'],
    ['127.0.0.1', '198.51.100.1, ', '127.0.0.1'],
    ['::ffff:10.2.3.4', '::ffff:198.51.100.2', '198.51.100.2'],
  ];
  for (const [peer, xff, expected] of cases) {
    it(`peer ${peer}, X-Forwarded-For ${JSON.stringify(xff)} → ${expected}`, () => {
      assert.equal(resolveClientAddress(peer, xff, trusted), expected);
    });
  }

  it('holds an IPv4 rule for IPv4-mapped IPv6 and an IPv4-mapped rule for IPv4', () => {
    assert.equal(trusted.has('::ffff:10.9.9.9'), true);
    assert.equal(trustedProxies(['::ffff:192.168.0.0/112']).has('192.168.4.2'), true);
    assert.equal(trusted.has('11.0.0.1'), false);
    assert.equal(trusted.has('not an address'), false);
  });

  it('refuses an entry that is no address or CIDR block, naming it', () => {
    for (const bad of ['10.0.0/8', '10.0.0.0/33', 'fd00::/129', 'proxy.internal', '10.0.0.0/8/1', '10.0.0.0/', '']) {
      assert.throws(() => trustedProxies(['127.0.0.1', bad]), new RegExp(`^Error: "${bad.replaceAll('.', '\\.').replaceAll('/', '\\/')}" is not an IP address or CIDR block`));
    }
  });
});
