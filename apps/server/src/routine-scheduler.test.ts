import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fireDueRoutines } from '@sopflow/service';
import { processRecordsOf } from '@sopflow/store';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

describe('the routine scheduler', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false }); });
  after(async () => { await f.close(); });

  async function activeSop(id: string): Promise<string> {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`) })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    return sop.id;
  }

  it('fires a due routine once even when two schedulers tick at the same moment, records the fire, and moves to the next time after now', async () => {
    const sopId = await activeSop('routine-once');
    const set = await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/routine`, { enabled: true, schedule: '0 * * * *', timezone: 'UTC' });
    const due = new Date(Date.parse(set.json.routine.nextFireTimes[0]) + 1000);
    const ctx = { store: f.ws.store, engine: f.ws.engine };
    const [a, b] = await Promise.all([fireDueRoutines(ctx, due), fireDueRoutines(ctx, due)]);
    const fires = [...a, ...b].filter((x) => x.sopId === sopId);
    assert.equal(fires.length, 1);
    assert.equal(fires[0]!.outcome, 'started');
    const detail = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    assert.equal(detail.run.id, fires[0]!.runId);
    assert.equal(detail.run.trigger, 'routine');
    assert.equal(Date.parse(detail.routine.nextFireAt), Date.parse(set.json.routine.nextFireTimes[1]));
    const fired = await processRecordsOf(f.ws.store)!.routines.listFires(await tenantOf(f, sopId), sopId);
    assert.deepEqual(fired.map((x) => x.outcome), ['started']);
  });

  it('collapses fires missed while no server ran into one fire, and skips a fire while a run is in flight (overlap skip)', async () => {
    const sopId = await activeSop('routine-missed');
    await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/routine`, { enabled: true, schedule: '*/5 * * * *', timezone: 'UTC' });
    const muchLater = new Date(Date.now() + 3 * 60 * 60_000);
    const ctx = { store: f.ws.store, engine: f.ws.engine };
    const first = (await fireDueRoutines(ctx, muchLater)).filter((x) => x.sopId === sopId);
    assert.deepEqual(first.map((x) => x.outcome), ['started'], 'three hours of missed fires run once');
    const detail = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    assert.ok(Date.parse(detail.routine.nextFireAt) > muchLater.getTime());
    const next = new Date(Date.parse(detail.routine.nextFireAt) + 1000);
    const second = (await fireDueRoutines(ctx, next)).filter((x) => x.sopId === sopId);
    assert.deepEqual(second.map((x) => x.outcome), ['skipped_in_flight'], 'the first run waits for its person, so the next fire is skipped');
  });
});

async function tenantOf(f: Fixture, sopId: string): Promise<string> {
  const records = processRecordsOf(f.ws.store)!;
  for (const t of await records.tenants.list()) if (await records.sops.find(t.id, sopId) !== undefined) return t.id;
  throw new Error(`no tenant holds ${sopId}`);
}
