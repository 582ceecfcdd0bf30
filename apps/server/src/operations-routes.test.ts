import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

describe('operations over HTTP: /metrics and administration', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  const metric = (text: string, name: string) => Number(new RegExp(`^${name.replace(/[{}"=+.]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)?.[1]);

  it('serves Prometheus text: runs by status, queue depth, open tasks and the step latency of steps seen between scrapes', async () => {
    const first = await f.app.request('/metrics');
    assert.equal(first.status, 200);
    assert.match(first.headers.get('content-type') ?? '', /text\/plain; version=0\.0\.4/);
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const run = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json;
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === run.runId))).json.tasks[0];
    const waiting = await (await f.app.request('/metrics')).text();
    assert.equal(metric(waiting, 'sopflow_runs{status="waiting"}'), 1);
    assert.equal(metric(waiting, 'sopflow_open_tasks'), 1);
    assert.ok(Number.isFinite(metric(waiting, 'sopflow_queue_depth')));
    await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${run.runId}`), (r) => r.json.run.status === 'completed');
    const done = await (await f.app.request('/metrics')).text();
    assert.equal(metric(done, 'sopflow_runs{status="completed"}'), 1);
    assert.equal(metric(done, 'sopflow_open_tasks'), 0);
    assert.ok(metric(done, 'sopflow_step_latency_seconds_count') >= 2, done);
    assert.equal(metric(done, 'sopflow_step_latency_seconds_bucket{le="+Inf"}'), metric(done, 'sopflow_step_latency_seconds_count'));
    assert.doesNotMatch(done, /acme|owner@|r-[0-9a-f]{16}/, 'counts only: no tenant, person or run');
  });

  it('lets an admin add users, make and revoke tokens and read the audit log; a token made here is refused at once after revoke; an editor gets 403', async () => {
    const added = await f.call(f.tokenA, 'POST', '/api/admin/users', { email: 'new@acme.test', roles: ['operator', 'warehouse'] });
    assert.equal(added.status, 201);
    assert.ok((await f.call(f.tokenA, 'GET', '/api/admin/users')).json.users.some((u: any) => u.email === 'new@acme.test' && u.accountRoles.join() === 'operator'));
    assert.equal((await f.call(f.tokenA, 'POST', '/api/admin/users', { email: 'new@acme.test', roles: ['viewer'] })).status, 409);
    const made = await f.call(f.tokenA, 'POST', '/api/admin/tokens', { user: 'new@acme.test', scope: 'run' });
    assert.equal(made.status, 201);
    assert.match(made.json.token, /^sfk_/);
    const listed = (await f.call(f.tokenA, 'GET', '/api/admin/tokens')).json.tokens;
    assert.ok(listed.some((t: any) => t.id === made.json.id && t.revokedAt === null));
    assert.ok(!JSON.stringify(listed).includes(made.json.token), 'the token is shown once only');
    assert.equal((await f.call(made.json.token, 'GET', '/api/sops')).status, 200);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/admin/tokens/${made.json.id}/revoke`)).status, 200);
    assert.equal((await f.call(made.json.token, 'GET', '/api/sops')).status, 401);
    const audit = (await f.call(f.tokenA, 'GET', '/api/admin/audit')).json.entries.map((e: any) => e.action);
    assert.ok(['user.add', 'token.create', 'token.revoke'].every((a) => audit.includes(a)), audit.join());
    assert.deepEqual((await f.call(f.tokenA, 'GET', '/api/admin/audit?action=token.revoke')).json.entries.map((e: any) => e.target), [made.json.id]);
    const editor = await f.userToken('ed-ops@acme.test', ['editor'], 'admin');
    for (const [method, path, body] of [['GET', '/api/admin/users'], ['GET', '/api/admin/tokens'], ['GET', '/api/admin/audit'], ['POST', '/api/admin/tokens', { user: 'new@acme.test', scope: 'read' }]] as const) {
      assert.equal((await f.call(editor, method, path, body)).status, 403, `${method} ${path}`);
    }
  });
});
