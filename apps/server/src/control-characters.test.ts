import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTenant } from '@sopflow/service';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

// What a hostile name carries: an OSC 52 clipboard write, a screen clear, a NUL, a C1 CSI, a line break.
const HOSTILE = [['ESC', '\u001b]52;c;ZWNobyBwd25lZA==\u0007'], ['CSI', '\u001b[2J'], ['NUL', '\u0000'], ['C1', '\u009b31m'], ['DEL', '\u007f'], ['newline', '\nsecond line']] as const;

const sopOf = (name: string, id: string) => CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`).replace('name: Contract check', `name: ${JSON.stringify(name)}`);

describe('names and reasons with control characters are refused at the service boundary (HTTP, 400 invalid_request naming the field)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  const refused = (res: { status: number; json: any }, field: string) => {
    assert.equal(res.status, 400, JSON.stringify(res.json));
    assert.equal(res.json.error.code, 'invalid_request');
    assert.equal(res.json.error.details?.field, field, JSON.stringify(res.json));
    assert.match(res.json.error.message, /control character/);
  };

  it('a workstream name: each hostile kind refused, nothing stored; a tab and non-Latin letters pass', async () => {
    for (const [, bad] of HOSTILE) refused(await f.call(f.tokenA, 'POST', '/api/workstreams', { name: `Ops ${bad}` }), 'name');
    assert.equal((await f.call(f.tokenA, 'GET', '/api/workstreams')).json.workstreams.length, 0);
    assert.equal((await f.call(f.tokenA, 'POST', '/api/workstreams', { name: 'Opérations\tnord — 運用' })).status, 201);
  });

  it("an SOP's title (its document's name), on create and on a draft edit; the stored draft is unchanged", async () => {
    for (const [kind, bad] of HOSTILE) refused(await f.call(f.tokenA, 'POST', '/api/sops', { osop: sopOf(`Contract ${bad}`, `hostile-${kind.toLowerCase()}`) }), 'name');
    assert.equal((await f.call(f.tokenA, 'GET', '/api/sops')).json.sops.length, 0);
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: sopOf('Contract check', 'fine') })).json.sop;
    refused(await f.call(f.tokenA, 'PUT', `/api/sops/${sop.id}/versions/${sop.version.id}`, { osop: sopOf('Contract \u001b[2J', 'fine') }), 'name');
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.title, 'Contract check');
  });

  it('a denial or cancel reason: control characters refused, several lines pass', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: sopOf('Reasons', 'reasons'), allowOverlap: true })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const runId = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json.runId;
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    refused(await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/deny`, { reason: 'no \u001b]0;pwned\u0007' }), 'reason');
    refused(await f.call(f.tokenA, 'POST', `/api/runs/${runId}/cancel`, { reason: 'stop\u0000' }), 'reason');
    assert.equal((await f.call(f.tokenA, 'GET', `/api/runs/${runId}`)).json.run.status, 'waiting', 'nothing happened to the run');
    const cancelled = await f.call(f.tokenA, 'POST', `/api/runs/${runId}/cancel`, { reason: 'wrong supplier\r\nsee the thread\tabove' });
    assert.equal(cancelled.status, 200, JSON.stringify(cancelled.json));
  });

  it('a tenant name given to the service', async () => {
    const local = { store: f.ws.store, localAdmin: 'test' };
    await assert.rejects(createTenant(local, { slug: 'initech', name: 'Initech\u001b[2J' }), (e: any) => e.code === 'invalid_request' && e.details.field === 'name');
    assert.equal((await createTenant(local, { slug: 'initech', name: 'Initech' })).name, 'Initech');
  });
});
