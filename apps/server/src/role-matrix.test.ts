import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createJourneyKey, generateHubKeyPair, signHubDocument } from '@sopflow/service';
import { processRecordsOf } from '@sopflow/store';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

type Action = 'list' | 'read' | 'create' | 'publish' | 'run' | 'routine' | 'tasks' | 'complete' | 'routines' | 'draft' | 'trial' | 'trials' | 'audit' | 'verify' | 'users';

/** The documented matrix (apps/server/README.md), written out here independently of the code. */
const ALLOWED: Record<string, Action[]> = {
  'owner/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete', 'routines', 'draft', 'trial', 'trials', 'audit', 'verify', 'users'],
  'admin/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete', 'routines', 'draft', 'trial', 'trials', 'audit', 'verify', 'users'],
  'editor/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete', 'routines', 'draft', 'trial', 'trials'],
  'operator/admin': ['list', 'read', 'run', 'tasks', 'complete', 'routines', 'trial', 'trials'],
  'viewer/admin': ['list', 'read', 'tasks', 'routines', 'trials'],
  'owner/run': ['list', 'read', 'run', 'tasks', 'complete', 'routines', 'trial', 'trials'],
  'owner/read': ['list', 'read', 'tasks', 'routines', 'trials'],
};
const ACTIONS: Action[] = ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete', 'routines', 'draft', 'trial', 'trials', 'audit', 'verify', 'users'];
/** The contract process with its review step trialing an agent (trials are recorded for it). */
const TRIALING_OSOP = CONTRACT_OSOP.replace('id: contract-check', 'id: trialing-check').replace('{ id: review, type: human, name: Review }', '{ id: review, type: human, name: Review, delegation_state: trialing }');

describe('the role and scope matrix', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it('lets each account role and token scope do exactly what the matrix says (403 otherwise), on every route', async () => {
    const trialing = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: TRIALING_OSOP })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${trialing.id}/publish`);
    let n = 0;
    for (const [key, allowed] of Object.entries(ALLOWED)) {
      const [role, scope] = key.split('/') as [string, 'read' | 'run' | 'admin'];
      const token = await f.userToken(`m${n++}-${role}@acme.test`, [role], scope);
      // Fresh objects of the tenant made by its owner: a draft, an active SOP with overlap, and an open task.
      const draft = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
      const active = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
      await f.call(f.tokenA, 'POST', `/api/sops/${active.id}/publish`);
      const run = (await f.call(f.tokenA, 'POST', `/api/sops/${active.id}/run`)).json;
      const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === run.runId)))
        .json.tasks.find((t: any) => t.runId === run.runId);
      const calls: Record<Action, () => ReturnType<Fixture['call']>> = {
        list: () => f.call(token, 'GET', '/api/sops'),
        read: () => f.call(token, 'GET', `/api/sops/${active.id}`),
        create: () => f.call(token, 'POST', '/api/sops', { osop: CONTRACT_OSOP }),
        publish: () => f.call(token, 'POST', `/api/sops/${draft.id}/publish`),
        run: () => f.call(token, 'POST', `/api/sops/${active.id}/run`),
        routine: () => f.call(token, 'POST', `/api/sops/${active.id}/routine`, { enabled: true, schedule: '@daily' }),
        tasks: () => f.call(token, 'GET', '/api/tasks'),
        complete: () => f.call(token, 'POST', `/api/tasks/${task.id}/complete`, { data: {} }),
        routines: () => f.call(token, 'GET', '/api/routines'),
        draft: () => f.call(token, 'POST', `/api/sops/${active.id}/versions`),
        trial: () => f.call(token, 'POST', `/api/sops/${trialing.id}/steps/review/trials`, { agentOutput: { ok: true }, personOutput: { ok: true } }),
        trials: () => f.call(token, 'GET', `/api/sops/${trialing.id}/steps/review/trials`),
        audit: () => f.call(token, 'GET', '/api/admin/audit'),
        verify: () => f.call(token, 'GET', '/api/admin/audit/verify'),
        users: () => f.call(token, 'GET', '/api/admin/users'),
      };
      for (const action of ACTIONS) {
        const res = await calls[action]();
        if (allowed.includes(action)) assert.ok(res.status >= 200 && res.status < 300, `${key} ${action} -> ${res.status} ${JSON.stringify(res.json)}, want success`);
        else {
          assert.equal(res.status, 403, `${key} ${action} -> ${res.status}, want 403`);
          assert.equal(res.json.error.code, 'not_authorised');
        }
      }
    }
  });

  it('lets editors and up act on what the runs taught (candidates, step delegation, assumptions) and only owners and admins override the evidence', async () => {
    const learn: Record<string, boolean> = { 'owner/admin': true, 'admin/admin': true, 'editor/admin': true, 'operator/admin': false, 'viewer/admin': false, 'owner/run': false, 'owner/read': false };
    const override: Record<string, boolean> = { 'owner/admin': true, 'admin/admin': true, 'editor/admin': false };
    // One SOP with a finished run: its review step is an opportunity.
    const learned = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${learned.id}/publish`);
    const { runId } = (await f.call(f.tokenA, 'POST', `/api/sops/${learned.id}/run`)).json;
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`), (r) => r.json.run?.status === 'completed');
    let n = 0;
    for (const [key, allowed] of Object.entries(learn)) {
      const [role, scope] = key.split('/') as [string, 'read' | 'run' | 'admin'];
      const token = await f.userToken(`l${n++}-${role}-${scope}@acme.test`, [role], scope);
      const fresh = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
      await f.call(f.tokenA, 'POST', `/api/sops/${fresh.id}/publish`);
      const calls = {
        approve: () => f.call(token, 'POST', `/api/sops/${learned.id}/update-candidates/uc_0123456789abcdef/approve`),
        reject: () => f.call(token, 'POST', `/api/sops/${learned.id}/update-candidates/uc_0123456789abcdef/reject`, { reason: 'no' }),
        delegate: () => f.call(token, 'POST', `/api/sops/${fresh.id}/steps/review/delegation`, { direction: 'promote', reason: 'try an agent' }),
        assumptions: () => f.call(token, 'PATCH', `/api/opportunities/${encodeURIComponent(`${learned.id}#review`)}`, { assumptions: { costPerHour: 60 + n } }),
      };
      for (const [action, call] of Object.entries(calls)) {
        const res = await call();
        if (!allowed) {
          assert.equal(res.status, 403, `${key} ${action} -> ${res.status}, want 403`);
          continue;
        }
        // Past the permission check: an unknown candidate is 404, the others succeed.
        const want = action === 'approve' || action === 'reject' ? 404 : action === 'delegate' ? 201 : 200;
        assert.equal(res.status, want, `${key} ${action} -> ${res.status} ${JSON.stringify(res.json)}`);
      }
      if (override[key] === undefined) continue;
      const forced = await f.call(token, 'POST', `/api/sops/${learned.id}/steps/review/delegation`, { direction: 'promote', reason: 'pilot', override: true });
      assert.equal(forced.status, override[key] ? 201 : 403, `${key} override -> ${forced.status} ${JSON.stringify(forced.json)}`);
      if (forced.status === 201) await f.call(f.tokenA, 'POST', `/api/sops/${learned.id}/versions/${forced.json.version.id}/publish`);
    }
  });

  it('checks the step role when completing: an operator without the step role is refused 403 and the task stays open', async () => {
    const osop = CONTRACT_OSOP.replace('id: contract-check', 'id: role-check').replace('{ id: review, type: human, name: Review }', '{ id: review, type: human, name: Review, role: finance }');
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop })).json.sop;
    assert.equal(sop.steps[1].role, 'finance');
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const run = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json;
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === run.runId)))
      .json.tasks.find((t: any) => t.runId === run.runId);
    const outsider = await f.userToken('outsider@acme.test', ['operator'], 'run');
    const refused = await f.call(outsider, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    assert.equal(refused.status, 403);
    assert.equal((await f.call(f.tokenA, 'GET', `/api/tasks/${task.id}`)).json.task.status, 'open');
    const clerk = await f.userToken('clerk@acme.test', ['operator', 'finance'], 'run');
    const done = await f.call(clerk, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
    assert.equal(done.status, 200);
  });
});

describe('the role matrix on the hub and the journey collector', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ hub: true }, { scheduler: false }); });
  after(async () => { await f.close(); });

  it('lets anyone read the hub, and publishing (sops.publish) and run reports (runs.start) only to the roles and scopes the matrix gives', async () => {
    const keys = generateHubKeyPair();
    const document = CONTRACT_OSOP.replace('name: Contract check', 'name: Contract check\nversion: 1.0.0');
    const publication = { document, signature: signHubDocument(keys.privateKeyPem, document), publicKey: keys.publicKeyPem };
    const report = { name: 'contract-check', version: '1.0.0', runs: 3, succeeded: 2, p50Ms: 100, p95Ms: 250 };
    const publishes: Record<string, boolean> = { 'owner/admin': true, 'admin/admin': true, 'editor/admin': true, 'operator/admin': false, 'viewer/admin': false, 'owner/run': false, 'owner/read': false };
    const reports: Record<string, boolean> = { 'owner/admin': true, 'admin/admin': true, 'editor/admin': true, 'operator/admin': true, 'viewer/admin': false, 'owner/run': true, 'owner/read': false };
    assert.equal((await f.call(null, 'POST', '/api/hub/versions', publication)).status, 401, 'writing needs a token');
    let n = 0;
    for (const key of Object.keys(publishes)) {
      const [role, scope] = key.split('/') as [string, 'read' | 'run' | 'admin'];
      const token = await f.userToken(`hub${n++}-${role}-${scope}@acme.test`, [role], scope);
      const published = await f.call(token, 'POST', '/api/hub/versions', publication);
      // The first allowed caller publishes; the same bytes again are `unchanged` (201 too).
      assert.equal(published.status, publishes[key] ? 201 : 403, `${key} publish -> ${published.status} ${JSON.stringify(published.json)}`);
      const reported = await f.call(token, 'POST', '/api/hub/reports', report);
      assert.equal(reported.status, reports[key] ? 201 : 403, `${key} report -> ${reported.status} ${JSON.stringify(reported.json)}`);
    }
    for (const path of ['/api/hub/search?q=contract', '/api/hub/ranking', '/api/hub/packages/contract-check', '/api/hub/packages/contract-check/versions/1.0.0']) {
      const res = await f.call(null, 'GET', path);
      assert.equal(res.status, 200, `${path} without a token -> ${res.status}`);
    }
    assert.equal((await f.call(null, 'GET', '/api/hub/ranking')).json.ranking[0].runs, 3 * Object.values(reports).filter(Boolean).length);
    const audit = (await f.call(f.tokenA, 'GET', '/api/admin/audit?action=hub.publish')).json.entries;
    assert.deepEqual(audit.map((e: any) => [e.actor, e.target]), [['hub0-owner-admin@acme.test', 'contract-check@1.0.0']], 'the new version is in the audit log once (the unchanged ones are not)');
  });

  it('routes journey events by key alone: no token needed, a token of another tenant changes nothing, an unknown key is 404', async () => {
    const { key } = await createJourneyKey({ store: f.ws.store, localAdmin: 'test' }, { tenant: 'acme' });
    const beacon = (k: string, token: string | null, session: string) => f.call(token, 'POST', `/api/journeys/events?key=${k}`, JSON.stringify({ session, events: [{ step: 'landing' }] }), { 'content-type': 'text/plain;charset=UTF-8' });
    assert.equal((await beacon(key, null, 'anonymous-visitor')).status, 202);
    assert.equal((await beacon(key, f.tokenB, 'with-globex-token')).status, 202);
    const unknown = await beacon('jk_00000000000000000000000000000000', f.tokenA, 'lost-session');
    assert.deepEqual([unknown.status, unknown.json.error.code], [404, 'not_found']);
    const records = processRecordsOf(f.ws.store)!;
    const [acme, globex] = [(await records.tenants.find('acme'))!, (await records.tenants.find('globex'))!];
    const sessions = async (tenantId: string) => [...new Set((await records.journeys.listEvents(tenantId, { limit: 100 })).map((e) => e.sessionId))].sort();
    assert.deepEqual(await sessions(acme.id), ['anonymous-visitor', 'with-globex-token'], "the key's tenant has both sessions");
    assert.deepEqual(await sessions(globex.id), [], 'the token of another tenant did not route anything there');
  });
});
