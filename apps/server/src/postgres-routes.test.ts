import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

describe('the routes on PostgreSQL (a fresh schema on the local server, dropped after)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { postgres: true }); });
  after(async () => { await f.close(); });

  it('creates, publishes, runs with live step states, completes the task through the API, and keeps tenants apart', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    assert.equal(sop.status, 'draft');
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json.error.code, 'sop_not_active');
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`)).json.sop.status, 'active');
    const run = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`);
    assert.equal(run.status, 202);
    const detail = await eventually(() => f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`), (r) => r.json.sop.steps[1].state === 'now');
    assert.deepEqual(detail.json.sop.steps.map((s: any) => s.state), ['done', 'now', 'todo']);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json.error.code, 'run_in_flight');
    const task = (await f.call(f.tokenA, 'GET', '/api/tasks')).json.tasks.find((t: any) => t.runId === run.json.runId);
    for (const [method, path] of [['GET', `/api/sops/${sop.id}`], ['GET', `/api/tasks/${task.id}`], ['GET', `/api/runs/${run.json.runId}`], ['POST', `/api/tasks/${task.id}/complete`]] as const) {
      assert.equal((await f.call(f.tokenB, method, path, method === 'POST' ? { data: {} } : undefined)).status, 404, `${method} ${path}`);
    }
    assert.equal((await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} })).status, 200);
    const end = await eventually(() => f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`), (r) => r.json.sop.steps.every((s: any) => s.state === 'done'));
    assert.deepEqual(end.json.sop.steps.map((s: any) => s.state), ['done', 'done', 'done']);
  });

  it('pages and searches the list, and sets a routine', async () => {
    for (const n of [1, 2, 3]) await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('name: Contract check', `name: Paging ${n}`) });
    const first = await f.call(f.tokenA, 'GET', '/api/sops?q=PAGING&limit=2');
    assert.deepEqual(first.json.sops.map((s: any) => s.title), ['Paging 1', 'Paging 2']);
    const second = await f.call(f.tokenA, 'GET', `/api/sops?q=paging&limit=2&cursor=${first.json.nextCursor}`);
    assert.deepEqual([second.json.sops.map((s: any) => s.title), second.json.nextCursor], [['Paging 3'], null]);
    const active = (await f.call(f.tokenA, 'GET', '/api/sops?status=active')).json.sops[0];
    assert.equal(active.lastRun?.status, 'completed', 'the list shows the newest run read in one query (PostgreSQL too)');
    const routine = await f.call(f.tokenA, 'POST', `/api/sops/${active.id}/routine`, { enabled: true, schedule: '@hourly', timezone: 'Asia/Tokyo' });
    assert.equal(routine.json.routine.nextFireTimes.length, 5);
  });
});
