import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

describe('the SOP routes', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it('refuses a request without a token with 401 and the one error body', async () => {
    const res = await f.call(null, 'GET', '/api/sops');
    assert.equal(res.status, 401);
    assert.equal(res.json.error.code, 'unauthenticated');
    assert.equal(typeof res.json.error.message, 'string');
  });

  it('creates a draft, refuses to run it (409 sop_not_active), publishes it with the approver, runs it, shows step states, refuses a second run, completes the task', async () => {
    const created = await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP });
    assert.equal(created.status, 201);
    const sop = created.json.sop;
    assert.equal(sop.status, 'draft');
    assert.deepEqual(sop.steps.map((s: any) => [s.id, s.sequence_order, s.state, s.delegation_state]), [
      ['receive', 1, 'todo', 'agent_autonomous'], ['review', 2, 'todo', 'human_only'], ['close', 3, 'todo', 'agent_autonomous']]);
    assert.equal(sop.run, null);
    const drafts = await f.call(f.tokenA, 'GET', '/api/sops?status=draft');
    assert.ok(drafts.json.sops.some((s: any) => s.id === sop.id));
    const early = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`);
    assert.equal(early.status, 409);
    assert.equal(early.json.error.code, 'sop_not_active');
    const published = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    assert.equal(published.status, 200);
    assert.equal(published.json.sop.status, 'active');
    assert.equal(published.json.sop.version.approvedBy, 'owner@acme.test');
    assert.equal(published.json.sop.version.certification, 'approved');
    const again = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    assert.equal(again.status, 409);
    const run = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`);
    assert.equal(run.status, 202);
    assert.equal(run.json.parentSessionId, run.json.runId);
    // The 202 comes once the run first waits: read at once, the automated first step is already done.
    const detail = await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`);
    assert.deepEqual(detail.json.sop.steps.map((s: any) => s.state), ['done', 'now', 'todo']);
    assert.equal(detail.json.sop.run.id, run.json.runId);
    const second = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`);
    assert.equal(second.status, 409);
    assert.equal(second.json.error.code, 'run_in_flight');
    const tasks = await f.call(f.tokenA, 'GET', '/api/tasks');
    const task = tasks.json.tasks.find((t: any) => t.runId === run.json.runId);
    assert.deepEqual([task.stepId, task.kind, task.status], ['review', 'work', 'open']);
    const one = await f.call(f.tokenA, 'GET', `/api/tasks/${task.id}`);
    assert.equal(one.json.task.id, task.id);
    const done = await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    assert.equal(done.status, 200);
    assert.equal(done.json.task.status, 'completed');
    const end = await eventually(() => f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`), (r) => r.json.sop.steps.every((s: any) => s.state === 'done'));
    assert.deepEqual(end.json.sop.steps.map((s: any) => s.state), ['done', 'done', 'done']);
    const runView = await f.call(f.tokenA, 'GET', `/api/runs/${run.json.runId}`);
    assert.equal(runView.status, 200);
    assert.equal(runView.json.run.sopId, sop.id);
    assert.equal(runView.json.run.status, 'completed');
  });

  it('starts exactly one run when several start requests for an SOP without overlap arrive at once; the others are 409 run_in_flight', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', 'id: race-check') })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const answers = await Promise.all([1, 2, 3, 4].map(() => f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [202, 409, 409, 409]);
    assert.ok(answers.filter((a) => a.status === 409).every((a) => a.json.error.code === 'run_in_flight'));
    const { processRecordsOf } = await import('@sopflow/store');
    const tenant = (await processRecordsOf(f.ws.store)!.tenants.find('acme'))!;
    assert.equal((await processRecordsOf(f.ws.store)!.runs.listForSop(tenant.id, sop.id, 10)).length, 1);
  });

  it('answers an invalid .osop with 422 invalid_document and each diagnostic\'s line and column; nothing is stored', async () => {
    const before = (await f.call(f.tokenA, 'GET', '/api/sops')).json.sops.length;
    const bad = await f.call(f.tokenA, 'POST', '/api/sops', { osop: 'id: x\nnodes: [' });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.code, 'invalid_document');
    const first = bad.json.error.details.diagnostics[0];
    assert.equal(typeof first.line, 'number');
    assert.ok(first.line >= 1 && first.column >= 1);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops')).json.sops.length, before);
  });

  it('sets a routine and answers with the next five fire times in order; a bad cron is 400', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', 'id: routine-check') })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const res = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/routine`, { enabled: true, schedule: '*/5 * * * *', timezone: 'Europe/Amsterdam' });
    assert.equal(res.status, 200);
    const times: string[] = res.json.routine.nextFireTimes;
    assert.equal(times.length, 5);
    for (let i = 1; i < 5; i++) assert.equal(Date.parse(times[i]!) - Date.parse(times[i - 1]!), 5 * 60_000);
    const bad = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/routine`, { enabled: true, schedule: 'every tuesday' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.details.field, 'schedule');
    const off = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/routine`, { enabled: false });
    assert.deepEqual([off.status, off.json.routine.enabled, off.json.routine.nextFireTimes], [200, false, []]);
  });

  it('pages the list with nextCursor and filters by q', async () => {
    for (const n of [1, 2, 3]) await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: paging-${n}`).replace('name: Contract check', `name: Paging ${n}`) });
    const first = await f.call(f.tokenA, 'GET', '/api/sops?q=paging&limit=2');
    assert.deepEqual(first.json.sops.map((s: any) => s.title), ['Paging 1', 'Paging 2']);
    assert.equal(typeof first.json.nextCursor, 'string');
    const second = await f.call(f.tokenA, 'GET', `/api/sops?q=paging&limit=2&cursor=${first.json.nextCursor}`);
    assert.deepEqual(second.json.sops.map((s: any) => s.title), ['Paging 3']);
    assert.equal(second.json.nextCursor, null);
    const badLimit = await f.call(f.tokenA, 'GET', '/api/sops?limit=0');
    assert.equal(badLimit.status, 400);
  });

  it('refuses a list query that does not fit with the 400 every route gives (issues named), a repeated name included, and documents the query', async () => {
    for (const [query, path] of [['status=gone', 'status'], ['limit=1001', 'limit'], ['q=a&q=b', 'q'], [`cursor=${'c'.repeat(401)}`, 'cursor']] as const) {
      const bad = await f.call(f.tokenA, 'GET', `/api/sops?${query}`);
      assert.deepEqual([bad.status, bad.json.error.code, bad.json.error.message], [400, 'invalid_request', 'the request does not fit this route'], query);
      assert.deepEqual(bad.json.error.details.issues.map((i: any) => i.path), [[path]], query);
    }
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops?')).status, 200);
    const doc = await f.call(null, 'GET', '/api/openapi.json');
    assert.deepEqual(doc.json.paths['/api/sops'].get.parameters.map((p: any) => [p.name, p.in]).sort(),
      [['cursor', 'query'], ['limit', 'query'], ['q', 'query'], ['status', 'query'], ['workstreamId', 'query']]);
  });

  it('serves an OpenAPI 3.1 document naming the reference routes, and /healthz, /readyz', async () => {
    const doc = await f.call(null, 'GET', '/api/openapi.json');
    assert.equal(doc.status, 200);
    assert.match(doc.json.openapi, /^3\.1/);
    for (const p of ['/api/sops', '/api/sops/{id}', '/api/sops/import', '/api/sops/{id}/run', '/api/sops/{id}/routine', '/api/tasks/{id}/complete', '/api/runs/{id}']) {
      assert.ok(doc.json.paths[p], `OpenAPI lacks ${p}`);
    }
    assert.equal((await f.call(null, 'GET', '/healthz')).status, 200);
    assert.equal((await f.call(null, 'GET', '/readyz')).json.ready, true);
    assert.equal((await f.call(null, 'GET', '/api/docs')).status, 200);
  });
});
