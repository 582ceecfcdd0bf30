import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

type Action = 'list' | 'read' | 'create' | 'publish' | 'run' | 'routine' | 'tasks' | 'complete';

/** The documented matrix (apps/server/README.md), written out here independently of the code. */
const ALLOWED: Record<string, Action[]> = {
  'owner/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete'],
  'admin/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete'],
  'editor/admin': ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete'],
  'operator/admin': ['list', 'read', 'run', 'tasks', 'complete'],
  'viewer/admin': ['list', 'read', 'tasks'],
  'owner/run': ['list', 'read', 'run', 'tasks', 'complete'],
  'owner/read': ['list', 'read', 'tasks'],
};
const ACTIONS: Action[] = ['list', 'read', 'create', 'publish', 'run', 'routine', 'tasks', 'complete'];

describe('the role and scope matrix', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it('lets each account role and token scope do exactly what the matrix says (403 otherwise), on every route', async () => {
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
