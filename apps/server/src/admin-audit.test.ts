import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

describe('the admin audit log records every administrative action', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false }); });
  after(async () => { await f.close(); });

  it('has one row per administrative act over HTTP, with the caller as actor and the object as target; the other tenant sees none of them', async () => {
    const editor = await f.userToken('auditor-editor@acme.test', ['editor'], 'admin');
    const ok = async (res: ReturnType<Fixture['call']>) => {
      const answer = await res;
      assert.ok(answer.status < 300, JSON.stringify(answer.json));
      return answer.json;
    };
    const ws = (await ok(f.call(editor, 'POST', '/api/workstreams', { name: 'Audited' }))).workstream;
    const sop = (await ok(f.call(editor, 'POST', '/api/sops', { osop: CONTRACT_OSOP, workstreamId: ws.id }))).sop;
    await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/publish`));
    await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/routine`, { enabled: true, schedule: '@daily' }));
    await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/routine`, { enabled: false }));
    await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/public`, { public: true }));
    const draft = (await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/versions`))).version;
    await ok(f.call(editor, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: CONTRACT_OSOP.replace('name: Review', 'name: Review twice') }));
    await ok(f.call(editor, 'POST', `/api/sops/${sop.id}/archive`));
    const user = (await ok(f.call(f.tokenA, 'POST', '/api/admin/users', { email: 'audited@acme.test', roles: ['viewer'] }))).user;
    const token = await ok(f.call(f.tokenA, 'POST', '/api/admin/tokens', { user: user.email, scope: 'read' }));
    await ok(f.call(f.tokenA, 'POST', `/api/admin/tokens/${token.id}/revoke`));

    const entries = (await f.call(f.tokenA, 'GET', '/api/admin/audit')).json.entries.map((e: any) => [e.action, e.actor, e.target]);
    const want = [
      ['workstream.create', 'auditor-editor@acme.test', ws.id],
      ['sop.create', 'auditor-editor@acme.test', sop.id],
      ['sop.publish', 'auditor-editor@acme.test', sop.id],
      ['routine.enable', 'auditor-editor@acme.test', sop.id],
      ['routine.disable', 'auditor-editor@acme.test', sop.id],
      ['sop.make_public', 'auditor-editor@acme.test', sop.id],
      ['sop.draft', 'auditor-editor@acme.test', sop.id],
      ['sop.edit', 'auditor-editor@acme.test', sop.id],
      ['sop.archive', 'auditor-editor@acme.test', sop.id],
      ['user.add', 'owner@acme.test', 'audited@acme.test'],
      ['token.create', 'owner@acme.test', token.id],
      ['token.revoke', 'owner@acme.test', token.id],
    ];
    const found = want.map((w) => entries.findIndex((e: string[]) => e.join() === w.join()));
    assert.deepEqual(want.filter((_, i) => found[i] === -1), [], `missing from ${JSON.stringify(entries)}`);
    assert.deepEqual(found, [...found].sort((a, b) => a - b), 'in the order they happened');
    const edit = (await f.call(f.tokenA, 'GET', '/api/admin/audit?action=sop.edit')).json.entries[0];
    assert.equal(edit.details.version, draft.id);
    const theirs = (await f.call(f.tokenB, 'GET', '/api/admin/audit')).json.entries;
    assert.ok(!theirs.some((e: any) => [ws.id, sop.id, token.id].includes(e.target)), "the other tenant's log holds none of them");
  });
});
