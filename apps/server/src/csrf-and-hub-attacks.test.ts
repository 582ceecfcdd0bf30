import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addAccountUser, generateHubKeyPair, signHubDocument, MAX_HUB_DOCUMENT_BYTES } from '@sopflow/service';
import { openSocketServer, type SocketServer } from './test-support/socket-server.js';

const CHECKLIST = (version: string, extra = '') => `osop_version: "1.0"
id: release-checklist
name: Release checklist
version: ${version}
nodes:
  - { id: tag, type: system, name: Tag the release, runtime: { action: noop } }${extra}
edges: []
`;

describe('attacks over a real socket: CSRF with a cookie login, and a --hub server given forged publications', () => {
  let t: SocketServer;
  let token: string;
  before(async () => {
    t = await openSocketServer('sopflow-attacks-', { hub: true });
    await addAccountUser({ store: t.server.workspace.store, localAdmin: 'test' }, { tenant: 'default', email: 'ed@localhost', roles: ['editor'], password: 'correct horse battery' });
    token = (await t.tokenOf('admin')).token;
  });
  after(() => t.close());
  const send = async (method: string, path: string, headers: Record<string, string>, body?: unknown) => {
    const res = await fetch(t.server.url + path, { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: await res.json() as any, headers: res.headers };
  };

  it('a session cookie changes nothing without its CSRF token, with a wrong one or with one of another session: 403 csrf; with its own it does', async () => {
    const login = async () => {
      const res = await send('POST', '/api/auth/login', {}, { email: 'ed@localhost', password: 'correct horse battery' });
      assert.equal(res.status, 200);
      return { cookie: res.headers.get('set-cookie')!.split(';')[0]!, csrf: res.json.csrfToken as string };
    };
    const mine = await login();
    const other = await login();
    const tries: [string, Record<string, string>][] = [
      ['no token', { cookie: mine.cookie }],
      ['a wrong token', { cookie: mine.cookie, 'x-csrf-token': `${mine.csrf.slice(0, -1)}${mine.csrf.endsWith('A') ? 'B' : 'A'}` }],
      ["another session's token", { cookie: mine.cookie, 'x-csrf-token': other.csrf }],
      ['an empty token', { cookie: mine.cookie, 'x-csrf-token': '' }],
      ['a method-override header on a GET', { cookie: mine.cookie, 'x-http-method-override': 'POST' }],
    ];
    for (const [what, headers] of tries) {
      const res = await send(what.includes('GET') ? 'GET' : 'POST', '/api/workstreams', headers, what.includes('GET') ? undefined : { name: `via ${what}` });
      if (what.includes('GET')) assert.equal(res.status, 200, what);
      else {
        assert.equal(res.status, 403, what);
        assert.equal(res.json.error.details.reason, 'csrf', what);
      }
    }
    assert.equal((await send('POST', '/api/auth/logout', { cookie: mine.cookie })).status, 403, 'no signing out by a cross-site form');
    assert.deepEqual((await send('GET', '/api/workstreams', { cookie: mine.cookie })).json.workstreams, [], 'nothing was made');
    assert.equal((await send('POST', '/api/workstreams', { cookie: mine.cookie, 'x-csrf-token': mine.csrf }, { name: 'Ops' })).status, 201);
  });

  it('the hub refuses a forged signature, a name bound to another publisher, an oversized document and reports that do not add up or come again at once; it keeps the first publisher', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const owner = generateHubKeyPair();
    const squatter = generateHubKeyPair();
    const publish = (document: string, key: { privateKeyPem: string; publicKeyPem: string }, signed = document) =>
      send('POST', '/api/hub/versions', auth, { document, signature: signHubDocument(key.privateKeyPem, signed), publicKey: key.publicKeyPem });
    assert.equal((await publish(CHECKLIST('1.0.0'), owner)).status, 201);

    const forged = await publish(CHECKLIST('1.1.0', '\n  - { id: wipe, type: cli, name: Wipe, runtime: { command: [rm, -rf, /] } }'), owner, CHECKLIST('1.1.0'));
    assert.equal(forged.status, 422, JSON.stringify(forged.json));
    assert.equal(forged.json.error.details.reason, 'bad_signature');
    const taken = await publish(CHECKLIST('2.0.0'), squatter);
    assert.equal(taken.status, 403, JSON.stringify(taken.json));
    assert.equal(taken.json.error.details.publisherId, owner.publisherId);
    const borrowedKey = await send('POST', '/api/hub/versions', auth, { document: CHECKLIST('2.0.0'), signature: signHubDocument(squatter.privateKeyPem, CHECKLIST('2.0.0')), publicKey: owner.publicKeyPem });
    assert.equal(borrowedKey.status, 422, "the owner's public key with another key's signature");
    const padding = `\ndescription: "${'x'.repeat(MAX_HUB_DOCUMENT_BYTES)}"`;
    const huge = await publish(CHECKLIST('3.0.0').replace('\nnodes:', `${padding}\nnodes:`), owner);
    assert.equal(huge.status, 413, JSON.stringify(huge.json).slice(0, 200));

    const versions = await send('GET', '/api/hub/packages/release-checklist', {});
    assert.equal(versions.json.publisherId, owner.publisherId);
    assert.deepEqual(versions.json.versions.map((v: any) => v.version), ['1.0.0']);
    assert.equal((await send('POST', '/api/hub/versions', {}, { document: CHECKLIST('4.0.0'), signature: '', publicKey: owner.publicKeyPem })).status, 401, 'publishing needs a token');

    const report = (figures: Record<string, unknown>) => send('POST', '/api/hub/reports', auth, { name: 'release-checklist', version: '1.0.0', runs: 10, succeeded: 9, p50Ms: 100, p95Ms: 200, ...figures });
    assert.equal((await report({ succeeded: 11 })).status, 422, 'more successes than runs');
    assert.equal((await report({ p50Ms: 300 })).status, 422, 'p50 above p95');
    assert.equal((await report({ version: '9.9.9' })).status, 404, 'a version nobody published');
    assert.equal((await report({})).status, 201);
    assert.equal((await report({ runs: 1_000, succeeded: 1_000 })).status, 429, 'one token cannot outweigh the others by reporting again at once');
  });
});
