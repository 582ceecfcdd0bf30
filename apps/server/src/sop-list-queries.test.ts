import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProcessRecords } from '@sopflow/store';
import { countStoreCalls } from './test-support/count-store-calls.js';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

describe('the library list reads a constant number of queries per page', () => {
  let f: Fixture;
  before(async () => {
    f = await createFixture();
    // 30 active SOPs, each with a run (so each has a newest run to show).
    for (let i = 0; i < 30; i++) {
      const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: contract-${i}`) })).json.sop;
      await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
      assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).status, 202);
    }
    await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.length === 30);
  });
  after(async () => { await f.close(); });

  it('lists 5 or 30 SOPs with their newest runs in the same store calls: one for the first page with its total and page starts, one for their versions, one for their newest runs; a later page reads its SOPs by list', async () => {
    const records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
    let small: any;
    let large: any;
    const few = await countStoreCalls(records, async () => { small = await f.call(f.tokenA, 'GET', '/api/sops?limit=5'); });
    const many = await countStoreCalls(records, async () => { large = await f.call(f.tokenA, 'GET', '/api/sops?limit=30'); });
    assert.equal(small.json.sops.length, 5);
    assert.equal(large.json.sops.length, 30);
    assert.ok(large.json.sops.every((s: any) => s.lastRun !== null && s.stepCount === 3), 'every SOP shows its newest run');
    const { 'accounts.findTokenByHash': _a, 'accounts.touchToken': _b, 'accounts.tenantOf': _c, ...fewQueries } = few;
    const { 'accounts.findTokenByHash': _d, 'accounts.touchToken': _e, 'accounts.tenantOf': _f, ...manyQueries } = many;
    assert.deepEqual(manyQueries, fewQueries, 'a bigger page asks the store no more often');
    assert.deepEqual(manyQueries, { 'sops.firstPage': 1, 'sops.findVersions': 1, 'runs.latestForSops': 1 });
    assert.equal(small.json.total, 30);
    assert.equal(small.json.pageCursors.length, 5);
    let later: any;
    const next = await countStoreCalls(records, async () => { later = await f.call(f.tokenA, 'GET', `/api/sops?limit=5&cursor=${small.json.nextCursor}`); });
    assert.equal(later.json.sops.length, 5);
    const { 'accounts.findTokenByHash': _g, 'accounts.touchToken': _h, 'accounts.tenantOf': _i, ...nextQueries } = next;
    assert.deepEqual(nextQueries, { 'sops.list': 1, 'sops.findVersions': 1, 'runs.latestForSops': 1 });
  });

  it("shows each SOP's newest run, not an older one", async () => {
    const sop = (await f.call(f.tokenA, 'GET', '/api/sops?limit=1')).json.sops[0];
    const first = sop.lastRun.id;
    const task = (await f.call(f.tokenA, 'GET', '/api/tasks')).json.tasks.find((t: any) => t.runId === first);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} })).status, 200);
    await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${first}`), (r) => r.json.run?.status === 'completed');
    const { runId } = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json;
    const listed = (await f.call(f.tokenA, 'GET', '/api/sops?limit=1')).json.sops[0];
    assert.notEqual(runId, first);
    assert.equal(listed.lastRun.id, runId);
    assert.equal(listed.lastRun.status, (await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.runs[0].status);
  });
});
