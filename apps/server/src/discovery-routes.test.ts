import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { loadCollection, validateSource } from '@sopflow/format';
import { CONTRACT_OSOP, createFixture, type Fixture } from './test-support/server-fixture.js';

/** Serves the fixture's app on 127.0.0.1 (a free port) and returns its base URL. */
async function listen(f: Fixture): Promise<{ url: string; close(): Promise<void> }> {
  const server = await new Promise<{ s: ServerType; port: number }>((resolve) => {
    const s = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ s, port: info.port }));
  });
  return { url: `http://127.0.0.1:${server.port}`, close: () => new Promise((resolve) => server.s.close(() => resolve())) };
}

const osopNamed = (id: string, name: string) => CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`).replace('name: Contract check', `name: ${name}`);

describe('discovery: public SOPs at /.well-known/sop and /.sop', () => {
  let f: Fixture;
  let site: { url: string; close(): Promise<void> };
  before(async () => { f = await createFixture(); site = await listen(f); });
  after(async () => { await site.close(); await f.close(); });

  it('lists only the active SOPs someone marked public, each linked at a stable URL that serves its .osop byte for byte', async () => {
    const make = async (id: string, name: string, publish: boolean) => {
      const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: osopNamed(id, name) })).json.sop;
      if (publish) await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
      return sop;
    };
    const shown = await make('refunds', 'Refund a payment', true);
    const privateOne = await make('payroll', 'Run payroll', true);
    const draft = await make('drafty', 'Not yet', false);
    assert.equal(shown.public, false, 'an SOP starts private');
    const marked = await f.call(f.tokenA, 'POST', `/api/sops/${shown.id}/public`, { public: true });
    assert.equal(marked.status, 200);
    assert.equal(marked.json.sop.public, true);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${draft.id}/public`, { public: true })).status, 200);

    const res = await fetch(`${site.url}/.well-known/sop`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /yaml/);
    assert.match(res.headers.get('cache-control') ?? '', /max-age=\d+/);
    const text = await res.text();
    assert.equal(validateSource(text, 'site.sop').valid, true, text);
    const collection = loadCollection(text, 'site.sop').collection!;
    const refs = collection.sections.flatMap((s) => s.workflows.map((w) => w.ref));
    assert.deepEqual(refs, [`/sops/acme/${shown.id}.osop`], 'the private SOP and the public draft are not listed');
    assert.equal(collection.sections[0]!.workflows[0]!.title, 'Refund a payment');

    const osop = await fetch(new URL(refs[0]!, res.url));
    assert.equal(osop.status, 200);
    assert.equal(await osop.text(), osopNamed('refunds', 'Refund a payment'));
    assert.ok(osop.headers.get('etag'));
    for (const hidden of [privateOne.id, draft.id, 'sop_nope']) {
      const miss = await fetch(`${site.url}/sops/acme/${hidden}.osop`);
      assert.equal(miss.status, 404, hidden);
      assert.equal((await miss.json()).error.code, 'not_found');
    }
    assert.equal((await fetch(`${site.url}/sops/globex/${shown.id}.osop`)).status, 404, 'the URL names the tenant the SOP belongs to');
  });

  it('serves the same collection at /.sop with an ETag from its content: 304 on If-None-Match, a new ETag once it changes', async () => {
    const first = await fetch(`${site.url}/.sop`);
    const etag = first.headers.get('etag')!;
    assert.match(etag, /^"sha256-[A-Za-z0-9_-]+"$/);
    assert.equal(await first.text(), await (await fetch(`${site.url}/.well-known/sop`)).text());
    const again = await fetch(`${site.url}/.sop`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(await again.text(), '');
    assert.equal(again.headers.get('etag'), etag);
    assert.equal((await fetch(`${site.url}/.sop`, { headers: { 'if-none-match': `W/${etag}, "other"` } })).status, 304);

    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: osopNamed('intake', 'Take in a claim') })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/public`, { public: true });
    const changed = await fetch(`${site.url}/.sop`, { headers: { 'if-none-match': etag } });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.get('etag'), etag);
    assert.match(await changed.text(), /Take in a claim/);

    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/public`, { public: false });
    assert.equal((await fetch(`${site.url}/.sop`)).headers.get('etag'), etag, 'taking it out again gives back the first collection');
    assert.equal((await fetch(`${site.url}/sops/acme/${sop.id}.osop`)).status, 404);
  });

  it('lets only editors and above mark an SOP public (403 otherwise), and another tenant gets 404 with nothing changed', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: osopNamed('guarded', 'Guarded') })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const viewer = await f.userToken('viewer-d@acme.test', ['viewer'], 'admin');
    const operator = await f.userToken('operator-d@acme.test', ['operator'], 'admin');
    const editor = await f.userToken('editor-d@acme.test', ['editor'], 'admin');
    const readScope = await f.userToken('owner-read-d@acme.test', ['owner'], 'read');
    for (const token of [viewer, operator, readScope]) {
      const res = await f.call(token, 'POST', `/api/sops/${sop.id}/public`, { public: true });
      assert.equal(res.status, 403);
      assert.equal(res.json.error.code, 'not_authorised');
    }
    assert.equal((await f.call(f.tokenB, 'POST', `/api/sops/${sop.id}/public`, { public: true })).status, 404);
    assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/public`, { public: 'yes' })).status, 400);
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.public, false);
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sop.id}/public`, { public: true })).json.sop.public, true);
  });
});

describe('discovery: which tenant a host serves', () => {
  it('serves the tenant named by publicTenant, else the first tenant created', async () => {
    const f = await createFixture({ publicTenant: 'globex' });
    const site = await listen(f);
    try {
      const sop = (await f.call(f.tokenB, 'POST', '/api/sops', { osop: osopNamed('globex-op', 'Globex operation') })).json.sop;
      await f.call(f.tokenB, 'POST', `/api/sops/${sop.id}/publish`);
      await f.call(f.tokenB, 'POST', `/api/sops/${sop.id}/public`, { public: true });
      const collection = loadCollection(await (await fetch(`${site.url}/.well-known/sop`)).text(), 'site.sop').collection!;
      assert.equal(collection.id, 'globex');
      assert.deepEqual(collection.sections.flatMap((s) => s.workflows.map((w) => w.ref)), [`/sops/globex/${sop.id}.osop`]);
    } finally {
      await site.close();
      await f.close();
    }
    const g = await createFixture();
    try {
      const res = await g.app.request('/.well-known/sop');
      assert.equal(loadCollection(await res.text(), 'site.sop').collection!.id, 'acme');
    } finally {
      await g.close();
    }
  });
});

describe('discovery on PostgreSQL', () => {
  it('lists a public active SOP and serves its .osop from a fresh schema', async () => {
    const f = await createFixture({}, { postgres: true });
    try {
      const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: osopNamed('pg-op', 'On PostgreSQL') })).json.sop;
      await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
      assert.equal((await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/public`, { public: true })).json.sop.public, true);
      const collection = loadCollection(await (await f.app.request('/.sop')).text(), 'site.sop').collection!;
      assert.deepEqual(collection.sections.flatMap((s) => s.workflows.map((w) => w.ref)), [`/sops/acme/${sop.id}.osop`]);
      assert.equal(await (await f.app.request(`/sops/acme/${sop.id}.osop`)).text(), osopNamed('pg-op', 'On PostgreSQL'));
    } finally {
      await f.close();
    }
  });
});
