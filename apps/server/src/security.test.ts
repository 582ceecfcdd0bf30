import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

describe('tenancy and security', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ maxBodyBytes: 64 * 1024, loginLimit: { maxFailures: 3, windowMs: 60_000 } }); });
  after(async () => { await f.close(); });

  it("answers 404 for every route of the OpenAPI document that takes an id, called with another tenant's ids, and changes nothing", async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const run = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json;
    const tasks = await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === run.runId));
    const task = tasks.json.tasks.find((t: any) => t.runId === run.runId);
    const { createToken } = await import('@sopflow/service');
    const tokenOfA = await createToken({ store: f.ws.store, localAdmin: 'test' }, { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
    const form = new FormData();
    form.append('file', new Blob(['# Returns\n\n1. Check the receipt.\n2. Refund the card.\n']), 'returns.md');
    const document = await (await f.app.request('/api/documents', { method: 'POST', headers: { authorization: `Bearer ${f.tokenA}` }, body: form })).json() as any;
    const job = (await f.call(f.tokenA, 'POST', '/api/sops/import', { documentId: document.document.id })).json;
    const idsByPrefix: Record<string, string> = {
      '/api/sops/': sop.id, '/api/tasks/': task.id, '/api/runs/': run.runId, '/api/admin/tokens/': tokenOfA.id,
      '/api/documents/': document.document.id, '/api/import-jobs/': job.jobId, '/api/opportunities/': encodeURIComponent(`${sop.id}#review`),
    };
    const bodies: Record<string, unknown> = {
      '/api/sops/{id}/routine': { enabled: false }, '/api/tasks/{id}/complete': { data: {} }, '/api/sops/{id}/public': { public: true },
      '/api/sops/{id}/versions/{versionId}': { osop: CONTRACT_OSOP }, '/api/tasks/{id}/deny': { reason: 'no' },
      '/api/sops/{id}/update-candidates/{candidateId}/reject': { reason: 'no' }, '/api/sops/{id}/steps/{stepId}/delegation': { direction: 'promote', reason: 'x' },
      '/api/opportunities/{id}': { assumptions: { costPerHour: 1 } },
      '/api/sops/{id}/steps/{stepId}/trials': { agentOutput: { ok: true }, personOutput: { ok: true } },
    };
    const queries: Record<string, string> = { '/api/sops/{id}/diff': `?from=${sop.version.id}` };
    const doc = (await f.call(null, 'GET', '/api/openapi.json')).json;
    let checked = 0;
    for (const [path, operations] of Object.entries<Record<string, unknown>>(doc.paths)) {
      if (!path.includes('{id}')) continue;
      const prefix = Object.keys(idsByPrefix).find((p) => path.startsWith(p));
      assert.ok(prefix !== undefined, `the test knows no id for ${path}: add one`);
      for (const method of Object.keys(operations)) {
        const url = path.replace('{id}', idsByPrefix[prefix]!).replace('{versionId}', sop.version.id).replace('{stepId}', 'review').replace('{candidateId}', 'uc_0123456789abcdef') + (queries[path] ?? '');
        const res = await f.call(f.tokenB, method.toUpperCase(), url, method === 'get' ? undefined : bodies[path] ?? {});
        assert.equal(res.status, 404, `${method.toUpperCase()} ${path} as the other tenant -> ${res.status} ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.code, 'not_found');
        checked += 1;
      }
    }
    assert.ok(checked >= 7, `only ${checked} routes with an id were checked`);
    assert.equal((await f.call(f.tokenA, 'GET', `/api/tasks/${task.id}`)).json.task.status, 'open');
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.routine, null);
    assert.deepEqual((await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/steps/review/trials`)).json.trials, []);
    assert.ok(!(await f.call(f.tokenB, 'GET', '/api/sops')).json.sops.some((s: any) => s.id === sop.id));
    assert.ok(!(await f.call(f.tokenB, 'GET', '/api/tasks')).json.tasks.some((t: any) => t.id === task.id));
    assert.equal((await f.call(tokenOfA.token, 'GET', '/api/sops')).status, 200, "the other tenant's revoke changed nothing");
  });

  it('deletes expired sessions when someone signs in, and keeps the live ones', async () => {
    const records = (f.ws.store as unknown as { processRecords: import('@sopflow/store').ProcessRecords }).processRecords;
    const tenant = (await records.tenants.find('acme'))!;
    const session = (idHash: string, expiresAt: string) => ({ idHash, tenantId: tenant.id, userName: 'owner@acme.test', csrfToken: 'c', createdAt: '2026-01-01T00:00:00.000Z', expiresAt });
    await records.accounts.insertSession(session('expired-hash', '2026-01-01T12:00:00.000Z'));
    await records.accounts.insertSession(session('live-hash', '2999-01-01T00:00:00.000Z'));
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'owner@globex.test', password: 'correct horse battery staple' });
    assert.equal(login.status, 200, JSON.stringify(login.json));
    assert.equal(await records.accounts.findSession('expired-hash'), undefined, 'the expired session is gone');
    assert.equal((await records.accounts.findSession('live-hash'))?.userName, 'owner@acme.test', 'a live session stays');
  });

  it('refuses a revoked token with 401 at once', async () => {
    const { createToken, revokeToken } = await import('@sopflow/service');
    const local = { store: f.ws.store, localAdmin: 'test' };
    const made = await createToken(local, { tenant: 'acme', user: 'owner@acme.test', scope: 'read' });
    assert.equal((await f.call(made.token, 'GET', '/api/sops')).status, 200);
    await revokeToken(local, made.id);
    const res = await f.call(made.token, 'GET', '/api/sops');
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'unauthenticated');
    assert.equal((await f.call('sfk_not-a-token', 'GET', '/api/sops')).status, 401);
  });

  it('signs in with a cookie session (HttpOnly, SameSite=Lax) and refuses a change without the CSRF token with 403', async () => {
    await f.userToken('editor@acme.test', ['editor'], 'read', 'correct horse battery staple');
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'editor@acme.test', password: 'correct horse battery staple' });
    assert.equal(login.status, 200);
    const setCookie = login.headers.get('set-cookie') ?? '';
    assert.match(setCookie, /sopflow_session=[^;]+/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    const cookie = setCookie.split(';')[0]!;
    const csrf: string = login.json.csrfToken;
    assert.equal((await f.call(null, 'GET', '/api/sops', undefined, { cookie })).status, 200);
    const noCsrf = await f.call(null, 'POST', '/api/sops', { osop: CONTRACT_OSOP }, { cookie });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.error.details.reason, 'csrf');
    const wrong = await f.call(null, 'POST', '/api/sops', { osop: CONTRACT_OSOP }, { cookie, 'x-csrf-token': `${csrf.slice(0, -1)}x` });
    assert.equal(wrong.status, 403);
    const ok = await f.call(null, 'POST', '/api/sops', { osop: CONTRACT_OSOP }, { cookie, 'x-csrf-token': csrf });
    assert.equal(ok.status, 201);
    const out = await f.call(null, 'POST', '/api/auth/logout', undefined, { cookie, 'x-csrf-token': csrf });
    assert.equal(out.status, 200);
    assert.equal((await f.call(null, 'GET', '/api/sops', undefined, { cookie })).status, 401);
  });

  it('rate-limits failed sign-ins with 429 and Retry-After, even when the password is then right', async () => {
    await f.userToken('ops@acme.test', ['operator'], 'read', 'correct horse battery staple');
    for (let i = 0; i < 3; i++) {
      assert.equal((await f.call(null, 'POST', '/api/auth/login', { email: 'ops@acme.test', password: 'wrong password' })).status, 401);
    }
    const limited = await f.call(null, 'POST', '/api/auth/login', { email: 'ops@acme.test', password: 'correct horse battery staple' });
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
  });

  it('refuses a body over the limit with 413 and a non-JSON body with 415; nothing is stored', async () => {
    const before = (await f.call(f.tokenA, 'GET', '/api/sops?limit=200')).json.sops.length;
    const big = await f.call(f.tokenA, 'POST', '/api/sops', { osop: `${CONTRACT_OSOP}# ${'x'.repeat(70 * 1024)}\n` });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'too_large');
    const text = await f.call(f.tokenA, 'POST', '/api/sops', CONTRACT_OSOP, { 'content-type': 'text/yaml' });
    assert.equal(text.status, 415);
    assert.equal(text.json.error.code, 'unsupported_media_type');
    const broken = await f.call(f.tokenA, 'POST', '/api/sops', '{"osop": ', { 'content-type': 'application/json' });
    assert.equal(broken.status, 400);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops?limit=200')).json.sops.length, before);
  });

  it('answers an unknown route with 404 in the one error body', async () => {
    const res = await f.call(f.tokenA, 'GET', '/api/nothing-here');
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'not_found');
  });
});
