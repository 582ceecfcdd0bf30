import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSop, createToken, revokeToken, setUser } from '@sopflow/service';
import type { ProcessRecords } from '@sopflow/store';
import { countStoreCalls } from './test-support/count-store-calls.js';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

const osop = (id: string) => CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`);

describe('the caller and library caches', () => {
  let f: Fixture;
  let records: ProcessRecords;
  const local = () => ({ store: f.ws.store, localAdmin: 'test' });
  before(async () => {
    f = await createFixture();
    records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
  });
  after(async () => { await f.close(); });

  it('answers a repeated GET /api/sops without asking the store anything (neither who calls nor the library)', async () => {
    await f.call(f.tokenA, 'POST', '/api/sops', { osop: osop('cached-one') });
    const first = await f.call(f.tokenA, 'GET', '/api/sops');
    let again: Awaited<ReturnType<Fixture['call']>> | undefined;
    const calls = await countStoreCalls(records, async () => { again = await f.call(f.tokenA, 'GET', '/api/sops'); });
    assert.deepEqual(calls, {});
    assert.deepEqual(again!.json, first.json);
    assert.equal(again!.headers.get('etag'), first.headers.get('etag'));
  });

  it('refuses a token revoked through this process on the very next request, whether revoked over HTTP or by a service call', async () => {
    for (const revoke of ['http', 'service'] as const) {
      const made = await createToken(local(), { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
      assert.equal((await f.call(made.token, 'GET', '/api/sops')).status, 200);
      assert.equal((await f.call(made.token, 'GET', '/api/sops')).status, 200, 'now kept');
      if (revoke === 'http') assert.equal((await f.call(f.tokenA, 'POST', `/api/admin/tokens/${made.id}/revoke`)).status, 200);
      else await revokeToken(local(), made.id);
      const refused = await f.call(made.token, 'GET', '/api/sops');
      assert.equal(refused.status, 401, `revoked by ${revoke}`);
      assert.equal(refused.json.error.code, 'unauthenticated');
    }
  });

  it("applies a user's role change made in this process on the very next request", async () => {
    const token = await f.userToken('changing@acme.test', ['editor'], 'admin');
    assert.equal((await f.call(token, 'POST', '/api/sops', { osop: osop('by-an-editor') })).status, 201);
    await setUser({ store: f.ws.store, actor: { name: 'test', roles: [], admin: true } }, 'changing@acme.test', { roles: ['viewer'] });
    const refused = await f.call(token, 'POST', '/api/sops', { osop: osop('by-a-viewer') });
    assert.equal(refused.status, 403, JSON.stringify(refused.json));
  });

  it('ends a cookie session on sign-out at once', async () => {
    await f.userToken('session@acme.test', ['viewer'], 'read', 'correct horse battery staple');
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'session@acme.test', password: 'correct horse battery staple' });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    assert.equal((await f.call(null, 'GET', '/api/sops', undefined, { cookie })).status, 200);
    assert.equal((await f.call(null, 'POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': login.json.csrfToken })).status, 200);
    assert.equal((await f.call(null, 'GET', '/api/sops', undefined, { cookie })).status, 401);
  });

  it('by default refuses a token revoked by another process (the CLI, another server) on the very next request', async () => {
    const second = await f.secondApp({});
    try {
      const made = await createToken(local(), { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
      const call = async () => (await second.app.request('/api/healthz-missing', { headers: { authorization: `Bearer ${made.token}` } })).status;
      assert.equal(await call(), 404, 'authenticated (an unknown route after sign-in is 404)');
      assert.equal(await call(), 404);
      await revokeToken(local(), made.id);
      assert.equal(await call(), 401, 'no cache time: the next request is refused');
    } finally {
      await second.close();
    }
  });

  it('keeps a caller in another process (here a second workspace on the database) and refuses it there on the next request after a revoke here', async () => {
    const second = await f.secondApp({});
    try {
      const made = await createToken(local(), { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
      const call = async () => (await second.app.request('/api/healthz-missing', { headers: { authorization: `Bearer ${made.token}` } })).status;
      assert.equal(await call(), 404, 'authenticated (an unknown route after sign-in is 404)');
      const otherRecords = (second.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
      assert.deepEqual(await countStoreCalls(otherRecords, async () => assert.equal(await call(), 404)), {}, 'kept there');
      await revokeToken(local(), made.id);
      assert.equal(await call(), 401, 'the store-wide version moved in the revoke\'s transaction');
    } finally {
      await second.close();
    }
  });

  it('looks every caller up when the caller cache is turned off (ttlMs 0)', async () => {
    const second = await f.secondApp({ caches: { callers: { ttlMs: 0 } } });
    try {
      const otherRecords = (second.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
      const call = async () => (await second.app.request('/api/healthz-missing', { headers: { authorization: `Bearer ${f.tokenA}` } })).status;
      assert.equal(await call(), 404);
      assert.deepEqual(await countStoreCalls(otherRecords, async () => assert.equal(await call(), 404)), { 'accounts.findTokenByHash': 1, 'accounts.tenantOf': 1 });
    } finally {
      await second.close();
    }
  });

  it('stops serving a kept cookie session at its expiry, and the lookup then refuses it too (one clock for both)', async () => {
    let now = Date.now();
    // Kept for a day, so the session's 12 h end, not the cache time, is what stops it.
    const second = await f.secondApp({ caches: { callers: { now: () => now, ttlMs: 24 * 3600_000 } } });
    try {
      await f.userToken('expiring@acme.test', ['viewer'], 'read', 'correct horse battery staple');
      const login = await f.call(null, 'POST', '/api/auth/login', { email: 'expiring@acme.test', password: 'correct horse battery staple' });
      const setCookie = login.headers.get('set-cookie')!;
      // The cookie's Expires is the session's end to the second (its milliseconds dropped).
      const expiresAt = Date.parse(/Expires=([^;]+)/i.exec(setCookie)![1]!);
      const call = async () => (await second.app.request('/api/auth/me', { headers: { cookie: setCookie.split(';')[0]! } })).status;
      assert.equal(await call(), 200);
      const otherRecords = (second.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
      now = expiresAt - 1000;
      // No caller lookup: who-am-I's one read is its tenant's name.
      assert.deepEqual(await countStoreCalls(otherRecords, async () => assert.equal(await call(), 200)), { 'tenants.find': 1 }, 'kept until its last second');
      now = expiresAt + 1000;
      assert.equal(await call(), 401, 'expired: neither the kept caller nor a fresh lookup serves it');
      assert.equal(await call(), 401, 'and not kept after the refusal');
    } finally {
      await second.close();
    }
  });

  it('shows a change recorded in this process on the very next list: a new SOP (HTTP or a service call), a publish, a run start and the run ending in the worker', async () => {
    const before = await f.call(f.tokenA, 'GET', '/api/sops?limit=200');
    const made = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: osop('fresh-http') })).json.sop;
    const listed = async () => (await f.call(f.tokenA, 'GET', '/api/sops?limit=200')).json.sops as any[];
    assert.equal((await listed()).length, before.json.sops.length + 1);
    const tenantId = (await records.tenants.find('acme'))!.id;
    const owner = { name: 'owner@acme.test', roles: ['owner'], admin: true, tenantId, email: 'owner@acme.test', accountRoles: ['owner' as const], via: 'session' as const };
    const direct = await createSop({ store: f.ws.store, engine: f.ws.engine, actor: owner }, { osop: osop('fresh-service') });
    assert.ok((await listed()).some((s) => s.id === direct.id), 'a service call in this process');
    await f.call(f.tokenA, 'POST', `/api/sops/${made.id}/publish`);
    assert.equal((await listed()).find((s) => s.id === made.id).status, 'active');
    const { runId } = (await f.call(f.tokenA, 'POST', `/api/sops/${made.id}/run`)).json;
    assert.equal((await listed()).find((s) => s.id === made.id).lastRun.id, runId);
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    assert.equal((await listed()).find((s) => s.id === made.id).lastRun.status, 'waiting');
    await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`), (r) => r.json.run?.status === 'completed');
    assert.equal((await listed()).find((s) => s.id === made.id).lastRun.status, 'completed', 'the worker ending the run shows at once');
  });

  it('sends an ETag, answers If-None-Match with 304 and no body, and a new ETag once the library changed', async () => {
    const first = await f.call(f.tokenA, 'GET', '/api/sops');
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"[\w-]{27}"$/);
    assert.equal(first.headers.get('cache-control'), 'private, no-cache');
    const same = await f.call(f.tokenA, 'GET', '/api/sops', undefined, { 'if-none-match': `W/"other", ${etag}` });
    assert.equal(same.status, 304);
    assert.equal(same.json, '');
    assert.equal(same.headers.get('etag'), etag);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops?limit=3', undefined, { 'if-none-match': etag })).status, 200, 'another page has another ETag');
    await f.call(f.tokenA, 'POST', '/api/sops', { osop: osop('changes-the-etag') });
    const changed = await f.call(f.tokenA, 'GET', '/api/sops', undefined, { 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
  });

  it("never answers one tenant with another's kept page, nor a 304 for the other's ETag", async () => {
    const a = await f.call(f.tokenA, 'GET', '/api/sops');
    const b = await f.call(f.tokenB, 'GET', '/api/sops', undefined, { 'if-none-match': a.headers.get('etag')! });
    assert.equal(b.status, 200);
    assert.ok(a.json.sops.length > 0);
    assert.deepEqual(b.json.sops, []);
  });
});
