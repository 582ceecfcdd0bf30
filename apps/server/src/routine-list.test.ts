import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fireDueRoutines } from '@sopflow/service';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

/** GET /api/routines on one fixture: every routine of the tenant with its SOP, next fire times and last fire; nothing of the other tenant. */
async function checkRoutineList(f: Fixture): Promise<void> {
  const activeSop = async (token: string, id: string) => {
    const sop = (await f.call(token, 'POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`).replace('name: Contract check', `name: ${id}`) })).json.sop;
    await f.call(token, 'POST', `/api/sops/${sop.id}/publish`);
    return sop.id as string;
  };
  const hourly = await activeSop(f.tokenA, 'hourly-report');
  const paused = await activeSop(f.tokenA, 'paused-report');
  await activeSop(f.tokenA, 'no-routine');
  const archived = await activeSop(f.tokenA, 'archived-report');
  const theirs = await activeSop(f.tokenB, 'their-report');
  const set = await f.call(f.tokenA, 'POST', `/api/sops/${hourly}/routine`, { enabled: true, schedule: '0 * * * *', timezone: 'Europe/Amsterdam' });
  await f.call(f.tokenA, 'POST', `/api/sops/${paused}/routine`, { enabled: true, schedule: '@daily' });
  await f.call(f.tokenA, 'POST', `/api/sops/${paused}/routine`, { enabled: false });
  // Archived after its routine was set: archiving turns the routine off, so it never fires (a failed fire saying why: routine-inputs.test.ts).
  await f.call(f.tokenA, 'POST', `/api/sops/${archived}/routine`, { enabled: true, schedule: '0 * * * *' });
  await f.call(f.tokenA, 'POST', `/api/sops/${archived}/archive`);

  // The first fire starts a run that waits for its person; the next hour's fire is then skipped (overlap skip): the newest fire is the skip.
  const ctx = { store: f.ws.store, engine: f.ws.engine };
  const firstDue = new Date(Date.parse(set.json.routine.nextFireTimes[0]) + 1000);
  const first = await fireDueRoutines(ctx, firstDue);
  assert.deepEqual(first.filter((x) => x.sopId === hourly).map((x) => x.outcome), ['started']);
  // The other tenant's routine, set now, fires for the first time on the second tick.
  await f.call(f.tokenB, 'POST', `/api/sops/${theirs}/routine`, { enabled: true, schedule: '0 * * * *' });
  const second = await fireDueRoutines(ctx, new Date(firstDue.getTime() + 60 * 60_000));
  assert.deepEqual(second.filter((x) => x.sopId === hourly).map((x) => x.outcome), ['skipped_in_flight']);

  const viewer = await f.userToken(`viewer-${Math.random().toString(36).slice(2)}@acme.test`, ['viewer'], 'read');
  const mine = await f.call(viewer, 'GET', '/api/routines');
  assert.equal(mine.status, 200, JSON.stringify(mine.json));
  const bySop = new Map(mine.json.routines.map((r: any) => [r.sopId, r]));
  assert.deepEqual(mine.json.routines.map((r: any) => r.sopId), [hourly, paused, archived].sort(), 'every routine of the tenant, by SOP id; none for an SOP without one');
  const h: any = bySop.get(hourly);
  assert.deepEqual([h.sopTitle, h.sopStatus, h.enabled, h.schedule, h.timezone, h.overlap], ['hourly-report', 'active', true, '0 * * * *', 'Europe/Amsterdam', 'skip']);
  assert.equal(h.nextFireTimes.length, 5);
  assert.ok(h.nextFireTimes.every((t: string) => Date.parse(t) > Date.now() - 1000 && Date.parse(t) % (60 * 60_000) === 0), JSON.stringify(h.nextFireTimes));
  assert.equal(h.lastFire.outcome, 'skipped_in_flight', 'the newest fire, not the first');
  assert.equal(h.lastFire.runId, null);
  assert.equal(Date.parse(h.lastFire.scheduledFor), Date.parse(set.json.routine.nextFireTimes[1]));
  assert.equal(h.lastFire.message, null);
  const a: any = bySop.get(archived);
  assert.deepEqual([a.sopStatus, a.enabled, a.nextFireTimes, a.lastFire], ['archived', false, [], null]);
  const p: any = bySop.get(paused);
  assert.deepEqual([p.enabled, p.schedule, p.nextFireTimes, p.lastFire], [false, '@daily', [], null]);

  const other = await f.call(f.tokenB, 'GET', '/api/routines');
  assert.deepEqual(other.json.routines.map((r: any) => [r.sopId, r.lastFire?.outcome]), [[theirs, 'started']], 'the other tenant sees its own routine only');
  assert.match(other.json.routines[0].lastFire.runId, /^r-/);
  assert.equal((await f.call(null, 'GET', '/api/routines')).status, 401);
}

describe('the tenant routine list (GET /api/routines)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false }); });
  after(async () => { await f.close(); });

  it('lists every routine of the tenant with its SOP, next five fire times and the newest fire (SQLite)', async () => {
    await checkRoutineList(f);
  });
});

describe('the tenant routine list on PostgreSQL (a fresh schema, dropped after)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false, postgres: true }); });
  after(async () => { await f.close(); });

  it('lists every routine of the tenant with its SOP, next five fire times and the newest fire (PostgreSQL)', async () => {
    await checkRoutineList(f);
  });
});
