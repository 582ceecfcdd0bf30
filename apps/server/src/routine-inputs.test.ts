import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fireDueRoutines } from '@sopflow/service';
import { processRecordsOf } from '@sopflow/store';
import { createFixture, type Fixture } from './test-support/server-fixture.js';

/** An SOP that needs inputs (like the demo's Deployment pipeline), one of them a secret, and waits for a person. */
const DEPLOY_OSOP = `osop_version: "1.0"
id: nightly-deploy
name: Nightly deploy
version: 1.0.0
inputs:
  - { name: git_ref, type: string, required: true }
  - { name: replicas, type: int }
  - { name: registry_token, type: string }
nodes:
  - { id: build, type: system, name: Build, runtime: { action: noop } }
  - { id: check, type: human, name: Check the release }
edges:
  - { from: build, to: check, mode: sequential }
`;

/** Routine inputs over HTTP on one fixture: checked when set, carried by each fire; a published version they do not fit turns the routine off (audited), and each fire checks again; archiving turns it off. */
async function checkRoutineInputs(f: Fixture): Promise<void> {
  const ctx = { store: f.ws.store, engine: f.ws.engine };
  const created = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: DEPLOY_OSOP })).json.sop;
  const sopId: string = created.id;
  await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/publish`);
  const routinePath = `/api/sops/${sopId}/routine`;
  const hourly = { enabled: true, schedule: '0 * * * *', timezone: 'UTC' };

  const detail = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
  assert.deepEqual(detail.inputs.map((i: any) => [i.name, i.required, i.type, i.secret]),
    [['git_ref', true, 'string', false], ['replicas', false, 'int', false], ['registry_token', false, 'string', true]], 'the declared inputs, the token marked secret');

  // Refused when set, each naming the input; nothing stored.
  const refusals: [unknown, RegExp][] = [
    [undefined, /missing required input: git_ref/],
    [{ git_ref: 'main', replicas: 'three' }, /input replicas must be int, not string/],
    [{ git_ref: 'main', region: 'eu' }, /unknown input region/],
    [{ git_ref: 'main', registry_token: 'abc' }, /input registry_token is a secret: a routine keeps its inputs in the database/],
    [{ git_ref: 'ghp_0123456789abcdefghijklmnopqrstuvwxyzAB' }, /input git_ref holds what looks like a GitHub token/],
  ];
  for (const [inputs, why] of refusals) {
    const refused = await f.call(f.tokenA, 'POST', routinePath, { ...hourly, ...(inputs === undefined ? {} : { inputs }) });
    assert.equal(refused.status, 422, JSON.stringify(refused.json));
    assert.equal(refused.json.error.code, 'invalid_input');
    assert.match(refused.json.error.message, why);
    assert.equal(refused.json.error.details.field, 'inputs');
  }
  assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop.routine, null, 'no refused routine was stored');

  // Set with its inputs: the fire starts the run with them.
  const set = await f.call(f.tokenA, 'POST', routinePath, { ...hourly, inputs: { git_ref: 'main', replicas: 3 } });
  assert.equal(set.status, 200, JSON.stringify(set.json));
  assert.deepEqual(set.json.routine.inputs, { git_ref: 'main', replicas: 3 });
  const firstDue = new Date(Date.parse(set.json.routine.nextFireTimes[0]) + 1000);
  const [first] = (await fireDueRoutines(ctx, firstDue)).filter((x) => x.sopId === sopId);
  assert.equal(first?.outcome, 'started', JSON.stringify(first));
  assert.deepEqual((await f.ws.engine!.getRun(first!.runId!)).state.inputs, { git_ref: 'main', replicas: 3 });
  // Turning it off and on keeps the stored inputs (and checks them again).
  await f.call(f.tokenA, 'POST', routinePath, { enabled: false });
  const again = await f.call(f.tokenA, 'POST', routinePath, { enabled: true, overlap: 'allow' });
  assert.deepEqual([again.status, again.json.routine.inputs], [200, { git_ref: 'main', replicas: 3 }]);

  // A new version that still takes the inputs (one more optional input) leaves the routine on.
  const publishV = async (semver: string, extraInput: string) => {
    const draft = (await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/versions`)).json.version;
    const text = DEPLOY_OSOP.replace('version: 1.0.0', `version: ${semver}`).replace('  - { name: replicas, type: int }', `  - { name: replicas, type: int }\n${extraInput}`);
    assert.equal((await f.call(f.tokenA, 'PUT', `/api/sops/${sopId}/versions/${draft.id}`, { osop: text })).status, 200);
    const published = await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/versions/${draft.id}/publish`);
    assert.equal(published.status, 200, JSON.stringify(published.json));
    return published.json.sop;
  };
  const fits = await publishV('1.1.0', '  - { name: region, type: string }');
  assert.deepEqual([fits.routine.enabled, fits.routine.nextFireAt === null], [true, false], 'inputs that still fit: the routine stays on');

  // A new version that needs another input: publishing turns the routine off and records why; no fire fails.
  const unfit = await publishV('1.2.0', '  - { name: service, type: string, required: true }');
  assert.deepEqual([unfit.status, unfit.routine.enabled, unfit.routine.nextFireAt], ['active', false, null], 'published, and the routine is off');
  const off = (await f.call(f.tokenA, 'GET', '/api/admin/audit?action=routine.disable')).json.entries.filter((e: any) => e.target === sopId).at(-1);
  assert.equal(off.details.reason, 'sop.publish');
  assert.equal(off.details.semver, '1.2.0');
  assert.deepEqual(off.details.problems, ['missing required input: service']);
  assert.match(off.details.message, /^the routine's inputs do not fit Nightly deploy 1\.2\.0: missing required input: service; set its inputs and turn it on again$/);
  const secondDue = new Date(firstDue.getTime() + 60 * 60_000);
  assert.deepEqual((await fireDueRoutines(ctx, secondDue)).filter((x) => x.sopId === sopId), [], 'a routine turned off does not fire');
  const listed = (await f.call(f.tokenA, 'GET', '/api/routines')).json.routines.find((r: any) => r.sopId === sopId);
  assert.deepEqual([listed.enabled, listed.inputs, listed.lastFire.outcome], [false, { git_ref: 'main', replicas: 3 }, 'started'], 'its inputs kept to be set again');
  const refused = await f.call(f.tokenA, 'POST', routinePath, { enabled: true });
  assert.deepEqual([refused.status, refused.json.error.details?.problems], [422, ['missing required input: service']], 'turning it on again with the old inputs is refused');

  // Each fire still checks (a routine left on by a server from before this check): the fire fails saying why.
  const records = processRecordsOf(f.ws.store)!;
  const tenantId: string = (await f.call(f.tokenA, 'GET', '/api/auth/me')).json.user.tenantId;
  const row = (await records.routines.find(tenantId, sopId))!;
  await records.routines.upsert({ ...row, enabled: true, nextFireAt: secondDue.toISOString() });
  const [second] = (await fireDueRoutines(ctx, secondDue)).filter((x) => x.sopId === sopId);
  assert.deepEqual([second?.outcome, second?.runId], ['failed', null]);
  const failed = (await f.call(f.tokenA, 'GET', '/api/routines')).json.routines.find((r: any) => r.sopId === sopId);
  assert.match(failed.lastFire.message, /^invalid_input: the routine's inputs no longer fit version 1\.2\.0: missing required input: service; set the routine's inputs again$/);
  const fixed = await f.call(f.tokenA, 'POST', routinePath, { enabled: true, inputs: { git_ref: 'main', replicas: 3, service: 'billing' } });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.json));
  const [third] = (await fireDueRoutines(ctx, new Date(secondDue.getTime() + 60 * 60_000))).filter((x) => x.sopId === sopId);
  assert.equal(third?.outcome, 'started', JSON.stringify(third));

  // Archiving turns the routine off (audited), no fire happens after, and it stays off.
  assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/archive`)).status, 200);
  const archived = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop.routine;
  assert.deepEqual([archived.enabled, archived.nextFireAt, archived.schedule], [false, null, '0 * * * *']);
  const audit = (await f.call(f.tokenA, 'GET', '/api/admin/audit?action=routine.disable')).json.entries.filter((e: any) => e.target === sopId);
  assert.deepEqual(audit.map((e: any) => [e.actor, e.details.reason]), [['owner@acme.test', undefined], ['owner@acme.test', 'sop.publish'], ['owner@acme.test', 'sop.archive']]);
  const later = (await fireDueRoutines(ctx, new Date(secondDue.getTime() + 10 * 60 * 60_000))).filter((x) => x.sopId === sopId);
  assert.deepEqual(later, [], 'an archived SOP\'s routine does not fire');
  const reenable = await f.call(f.tokenA, 'POST', routinePath, { enabled: true });
  assert.deepEqual([reenable.status, reenable.json.error.code], [409, 'sop_not_active']);
  const listedAfter = (await f.call(f.tokenA, 'GET', '/api/routines')).json.routines.find((r: any) => r.sopId === sopId);
  assert.deepEqual([listedAfter.sopStatus, listedAfter.enabled, listedAfter.nextFireTimes], ['archived', false, []]);
}

/** A required secret input: no routine can ever give it, and the refusal says why. */
async function checkRequiredSecret(f: Fixture): Promise<void> {
  const osop = DEPLOY_OSOP.replace('id: nightly-deploy', 'id: secret-deploy').replace('{ name: registry_token, type: string }', '{ name: registry_token, type: string, required: true }');
  const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop })).json.sop;
  await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
  const refused = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/routine`, { enabled: true, schedule: '@daily', inputs: { git_ref: 'main' } });
  assert.equal(refused.status, 422);
  assert.deepEqual(refused.json.error.details.problems, [
    'input registry_token is required and a secret, so no routine can give it: a routine keeps its inputs in the database as they are, so it never holds secrets; let the step read it from ${secrets.NAME} or the environment instead, and make the input optional',
  ]);
}

for (const postgres of [false, true]) {
  describe(`routine inputs and archiving (${postgres ? 'PostgreSQL, a fresh schema dropped after' : 'SQLite'})`, () => {
    let f: Fixture;
    before(async () => { f = await createFixture({}, { scheduler: false, postgres }); });
    after(async () => { await f.close(); });

    it('checks a routine\'s inputs when it is set (422 naming each, nothing stored), starts each fire with them, turns it off with why when a published version does not take them, and fails a fire whose inputs no longer fit', async () => {
      await checkRoutineInputs(f);
    });

    it('refuses a routine for an SOP whose required input is a secret, saying why', async () => {
      await checkRequiredSecret(f);
    });
  });
}
