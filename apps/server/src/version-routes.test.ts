import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

const V2 = CONTRACT_OSOP.replace('name: Contract check', 'name: Contract check\nversion: "1.1.0"').replace('{ id: review, type: human, name: Review }', '{ id: review, type: human, name: Review, role: finance }');

describe('SOP versions over HTTP', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it('publishes, starts a new draft, refuses a broken edit with line and column and the text echoed, edits, diffs with the semantic summary, and publishes it with the approver', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/versions`)).json.error.code, 'conflict', 'a draft SOP gets no second draft');
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const made = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/versions`);
    assert.equal(made.status, 201);
    const draft = made.json.version;
    assert.deepEqual([draft.state, draft.semver, draft.current], ['draft', '1.1.0', false]);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/versions`)).status, 409, 'one draft at a time');

    const broken = `${CONTRACT_OSOP}  - { from: close, to: [\n`;
    const refused = await f.call(f.tokenA, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: broken });
    assert.equal(refused.status, 422);
    assert.equal(refused.json.error.code, 'invalid_document');
    assert.equal(refused.json.error.details.text, broken);
    const d = refused.json.error.details.diagnostics[0];
    assert.ok(d.line >= 12 && d.column >= 1, JSON.stringify(d));
    const stored = await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/versions/${draft.id}`);
    assert.equal(stored.json, CONTRACT_OSOP, 'the stored draft is unchanged by a refused edit');
    assert.match(stored.headers.get('content-type') ?? '', /yaml/);

    const renamed = await f.call(f.tokenA, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: CONTRACT_OSOP.replace('id: contract-check', 'id: other') });
    assert.equal(renamed.status, 422, 'a version keeps the SOP id');

    const edited = await f.call(f.tokenA, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: V2 });
    assert.equal(edited.status, 200);
    assert.equal(edited.json.version.semver, '1.1.0');
    const asJson = await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/versions/${draft.id}?format=json`);
    assert.equal(asJson.json.workflow.nodes[1].role, 'finance');

    const diff = await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/diff?from=current&to=${draft.id}`);
    assert.equal(diff.status, 200);
    assert.deepEqual(diff.json.diff.nodes.changed.map((n: any) => n.id), ['review']);
    assert.ok(diff.json.diff.summary.length > 0, 'the semantic summary is included');

    const published = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/versions/${draft.id}/publish`);
    assert.equal(published.status, 200);
    assert.equal(published.json.sop.version.id, draft.id);
    assert.equal(published.json.sop.version.approvedBy, 'owner@acme.test');
    assert.equal(published.json.sop.steps[1].role, 'finance');
    assert.equal((await f.call(f.tokenA, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: V2 })).status, 409, 'a published version is immutable');
    const versions = (await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/versions`)).json.versions;
    assert.deepEqual(versions.map((v: any) => [v.state, v.current]), [['published', false], ['published', true]]);
  });

  it('archives an SOP: it no longer runs, and archiving twice is 409', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const archived = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/archive`);
    assert.equal(archived.json.sop.status, 'archived');
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json.error.code, 'sop_not_active');
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/archive`)).status, 409);
  });

  it('answers 404 for a version of another SOP and 403 for a viewer who edits', async () => {
    const a = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    const b = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${a.id}/versions/${b.version.id}`)).status, 404);
    const viewer = await f.userToken('viewer-v@acme.test', ['viewer'], 'admin');
    assert.equal((await f.call(viewer, 'PUT', `/api/sops/${a.id}/versions/${a.version.id}`, { osop: V2 })).status, 403);
    assert.equal((await f.call(viewer, 'GET', `/api/sops/${a.id}/versions`)).status, 200);
  });
});
