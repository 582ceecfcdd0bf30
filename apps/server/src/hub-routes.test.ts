import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import {
  authenticateToken, generateHubKeyPair, hubContentHash, hubPublish, hubPull, hubRankingOf, hubReport, hubSearch, isServiceError, reportToHub, signHubDocument,
  type HubConnection,
} from '@sopflow/service';
import { processRecordsOf } from '@sopflow/store';
import { countStoreCalls } from './test-support/count-store-calls.js';
import { createFixture, type Fixture } from './test-support/server-fixture.js';

const PAYMENTS = readFileSync(new URL('../../../examples/api-call-sequence.osop', import.meta.url), 'utf8');
const REFUND_V1 = `osop_version: "1.0"
id: refund-request
name: Refund a customer
description: A support agent checks the order and a supervisor approves the refund.
version: 1.0.0
tags: [support, payments]
nodes:
  - { id: check, type: human, name: Check the order, role: support }
  - { id: approve, type: gateway, name: Supervisor approves the refund, role: supervisor }
  - { id: pay, type: api, name: Refund through the payments API, runtime: { method: POST, url: "https://pay.example.org/v1/refunds" } }
edges:
  - { from: check, to: approve }
  - { from: approve, to: pay }
`;
const REFUND_V2 = REFUND_V1.replace('version: 1.0.0', 'version: 1.1.0').replace('Check the order', 'Check the order and the receipt');
/** A release candidate of the next major: newer by semver, but not what `latest` means while 1.1.0 is the highest release. */
const REFUND_RC = REFUND_V2.replace('version: 1.1.0', 'version: 2.0.0-rc.1');
const TRIAGE = `osop_version: "1.0"
id: ticket-triage
name: Triage a support ticket
description: An agent labels the ticket; a person takes the urgent ones.
version: 0.3.0
tags: [support]
nodes:
  - { id: label, type: agent, name: Label the ticket, runtime: { provider: openai, model: gpt-x } }
  - { id: take, type: human, name: Take an urgent ticket, role: support }
edges:
  - { from: label, to: take }
`;

/** The same key publishes on both stores, so the answers can be compared whole. */
const keys = generateHubKeyPair();
const stranger = generateHubKeyPair();
/** Search answers per store, compared at the end. */
const answers = new Map<string, unknown[]>();

/** A proxy in front of the hub that rewrites pulled documents, as a compromised hub or a man in the middle would. */
function tamperingProxy(target: string, rewrite: (answer: Record<string, unknown>) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const upstream = await fetch(`${target}${req.url}`);
    const answer = await upstream.json() as Record<string, unknown>;
    rewrite(answer);
    res.writeHead(upstream.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })));
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string; details: any }> {
  try {
    await work;
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error('expected a refusal');
}

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`the SOP hub on ${store} (a real server on 127.0.0.1, the client functions)`, () => {
    let f: Fixture;
    let server: ServerType;
    let writer: HubConnection;
    let reader: HubConnection;
    before(async () => {
      f = await createFixture({ hub: true, webDir: null }, { postgres: store === 'postgres' });
      const url = await new Promise<string>((resolve) => {
        server = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
      });
      writer = { hub: url, token: f.tokenA };
      reader = { hub: url };
    });
    after(async () => {
      await new Promise((resolve) => server.close(resolve));
      await f.close();
    });

    it('tells the signed-in app it is a hub, in who-am-I and in the sign-in answer', async () => {
      assert.equal((await f.call(f.tokenA, 'GET', '/api/auth/me')).json.hub, true);
      await f.userToken(`hub-signin-${store}@acme.test`, ['viewer'], 'read', 'correct horse battery staple');
      const login = await f.call(null, 'POST', '/api/auth/login', { email: `hub-signin-${store}@acme.test`, password: 'correct horse battery staple' });
      assert.deepEqual([login.status, login.json.hub], [200, true]);
    });

    it('publishes signed versions; the same bytes again are unchanged; other bytes for a version are 409; another key for a name is 403', async () => {
      for (const doc of [PAYMENTS, REFUND_V1, REFUND_V2, REFUND_RC, TRIAGE]) assert.equal((await hubPublish(writer, doc, keys.privateKeyPem)).status, 'published');
      const again = await hubPublish(writer, REFUND_V1.replace(/\n/g, '\r\n'), keys.privateKeyPem);
      assert.deepEqual([again.status, again.name, again.version, again.publisherId], ['unchanged', 'refund-request', '1.0.0', keys.publisherId]);
      const changed = await refusal(hubPublish(writer, REFUND_V1.replace('Refund a customer', 'Refund a client'), keys.privateKeyPem));
      assert.equal(changed.code, 'conflict');
      assert.match(changed.message, /refund-request@1\.0\.0 is already published with other content/);
      const taken = await refusal(hubPublish(writer, REFUND_V2.replace('1.1.0', '2.0.0'), stranger.privateKeyPem));
      assert.equal(taken.code, 'not_authorised');
      assert.match(taken.message, new RegExp(`belongs to publisher ${keys.publisherId}`));
    });

    it('refuses bad uploads with a JSON error code and stores nothing: no token, bad signature, not semver, invalid, too large', async () => {
      assert.equal((await refusal(hubPublish(reader, TRIAGE.replace('0.3.0', '0.4.0'), keys.privateKeyPem))).code, 'unauthenticated');
      const forged = await f.call(f.tokenA, 'POST', '/api/hub/versions', { document: TRIAGE.replace('0.3.0', '0.5.0'), signature: signHubDocument(keys.privateKeyPem, TRIAGE), publicKey: keys.publicKeyPem });
      assert.deepEqual([forged.status, forged.json.error.code, forged.json.error.details.reason], [422, 'invalid_input', 'bad_signature']);
      const loose = await refusal(hubPublish(writer, TRIAGE.replace('version: 0.3.0', 'version: "3"'), keys.privateKeyPem));
      assert.deepEqual([loose.code, loose.details.hubError.details.reason], ['invalid_document', 'not_semver']);
      const broken = await refusal(hubPublish(writer, TRIAGE.replace('to: take', 'to: tkae').replace('0.3.0', '0.6.0'), keys.privateKeyPem));
      assert.equal(broken.code, 'invalid_document');
      assert.match(broken.message, /\d+:\d+ .*tkae/);
      const huge = await refusal(hubPublish(writer, `${TRIAGE.replace('0.3.0', '0.7.0')}# ${'x'.repeat(300 * 1024)}\n`, keys.privateKeyPem));
      assert.equal(huge.code, 'too_large');
      const readOnly = await f.userToken(`viewer-${store}@acme.test`, ['viewer'], 'read');
      assert.equal((await refusal(hubPublish({ ...writer, token: readOnly }, TRIAGE.replace('0.3.0', '0.8.0'), keys.privateKeyPem))).code, 'not_authorised');
      const versions = (await f.call(null, 'GET', '/api/hub/packages/ticket-triage')).json.versions.map((v: any) => v.version);
      assert.deepEqual(versions, ['0.3.0']);
    });

    it('searches by words (prefixes), tags, node types and services named, newest version per name, without a token', async () => {
      const names = async (input: Parameters<typeof hubSearch>[1]) => {
        const { results } = await hubSearch(reader, input);
        answers.set(store, [...(answers.get(store) ?? []), results.map(({ publishedAt: _p, ...r }) => r)]);
        return results.map((r) => `${r.name}@${r.version}`);
      };
      assert.deepEqual(await names({ text: 'refund' }), ['refund-request@1.1.0']);
      assert.deepEqual(await names({ text: 'pay' }), ['take-first-payment@1.0.0', 'refund-request@1.1.0']);
      assert.deepEqual(await names({ text: 'receipt supervisor' }), ['refund-request@1.1.0']);
      assert.deepEqual(await names({ text: 'webhook settlement' }), ['take-first-payment@1.0.0']);
      assert.deepEqual(await names({ tags: ['Support'] }), ['refund-request@1.1.0', 'ticket-triage@0.3.0']);
      assert.deepEqual(await names({ nodeTypes: ['gateway'] }), ['refund-request@1.1.0']);
      assert.deepEqual(await names({ services: ['api.example.com'] }), ['take-first-payment@1.0.0']);
      assert.deepEqual(await names({ text: 'ticket', services: ['openai'], nodeTypes: ['agent', 'human'] }), ['ticket-triage@0.3.0']);
      assert.deepEqual(await names({ text: 'nothing-like-this' }), []);
      assert.deepEqual(await names({ text: '%_"*' }), ['refund-request@1.1.0', 'take-first-payment@1.0.0', 'ticket-triage@0.3.0']);
      const bad = await f.call(null, 'GET', '/api/hub/search?limit=1000');
      assert.deepEqual([bad.status, bad.json.error.code], [400, 'invalid_request']);
    });

    it('pulls a version with its signature and hash verified, and refuses a tampered answer', async () => {
      const pulled = await hubPull(reader, 'refund-request', '1.0.0');
      assert.equal(pulled.document, REFUND_V1);
      assert.equal(pulled.publisherId, keys.publisherId);
      assert.equal((await hubPull(reader, 'refund-request')).version, '1.1.0', 'latest is the highest release, not 2.0.0-rc.1');
      assert.equal((await hubPull(reader, 'refund-request', '2.0.0-rc.1')).version, '2.0.0-rc.1');
      assert.equal((await hubPull(reader, 'take-first-payment', 'latest')).version, '1.0.0');
      assert.equal((await refusal(hubPull(reader, 'refund-request', '1.0.0', { expectPublisher: stranger.publisherId }))).details.reason, 'unexpected_publisher');
      const cases: [string, (a: Record<string, unknown>) => void][] = [
        ['hash_mismatch', (a) => { a.document = String(a.document).replace('Supervisor approves', 'Anyone approves'); }],
        ['bad_signature', (a) => {
          a.document = String(a.document).replace('Supervisor approves', 'Anyone approves');
          a.contentHash = hubContentHash(String(a.document));
        }],
        ['bad_signature', (a) => { a.publicKey = stranger.publicKeyPem; a.publisherId = stranger.publisherId; }],
        ['publisher_mismatch', (a) => { a.publisherId = stranger.publisherId; }],
      ];
      for (const [reason, rewrite] of cases) {
        const proxy = await tamperingProxy(reader.hub, rewrite);
        try {
          const refused = await refusal(hubPull({ hub: proxy.url }, 'refund-request', '1.0.0'));
          assert.deepEqual([refused.code, refused.details.reason], ['invalid_data', reason]);
        } finally {
          await new Promise((resolve) => proxy.server.close(resolve));
        }
      }
      // A hub (or a proxy) that adds a byte-order mark and CRLF line ends: the canonical text still
      // verifies, and the canonical text is what the client hands on to be saved.
      const reencoding = await tamperingProxy(reader.hub, (a) => { a.document = `\uFEFF${String(a.document).replace(/\n/g, '\r\n')}`; });
      try {
        const saved = await hubPull({ hub: reencoding.url }, 'refund-request', '1.0.0');
        assert.equal(saved.document, REFUND_V1);
        assert.equal(hubContentHash(saved.document), saved.contentHash);
      } finally {
        await new Promise((resolve) => reencoding.server.close(resolve));
      }
      const missing = await refusal(hubPull(reader, 'refund-request', '9.9.9'));
      assert.equal(missing.code, 'not_found');
    });

    it("takes a name's pre-release as latest only when it has no release", async () => {
      const beta = TRIAGE.replace('id: ticket-triage', 'id: ticket-triage-next').replace('version: 0.3.0', 'version: 1.0.0-beta.2');
      await hubPublish(writer, beta, keys.privateKeyPem);
      await hubPublish(writer, beta.replace('1.0.0-beta.2', '1.0.0-beta.10'), keys.privateKeyPem);
      assert.equal((await hubPull(reader, 'ticket-triage-next')).version, '1.0.0-beta.10');
      assert.deepEqual((await hubSearch(reader, { text: 'ticket' })).results.map((r) => `${r.name}@${r.version}`), ['ticket-triage@0.3.0', 'ticket-triage-next@1.0.0-beta.10']);
    });

    it('takes run reports (figures only) and ranks the most-run versions with their success figures', async () => {
      const operator = { hub: writer.hub, token: await f.userToken(`operator-${store}@acme.test`, ['operator'], 'run') };
      await hubReport(writer, { name: 'refund-request', version: '1.1.0', runs: 40, succeeded: 38, p50Ms: 1000, p95Ms: 4000 });
      await hubReport(operator, { name: 'refund-request', version: '1.1.0', runs: 10, succeeded: 7, p50Ms: 2000, p95Ms: 9000 });
      await hubReport(writer, { name: 'take-first-payment', version: '1.0.0', runs: 20, succeeded: 20, p50Ms: 300, p95Ms: 900 });
      const { ranking } = await hubRankingOf(reader);
      assert.deepEqual(ranking, [
        { name: 'refund-request', version: '1.1.0', title: 'Refund a customer', runs: 50, succeeded: 45, successRate: 0.9, p50Ms: 1200, p95Ms: 5000, reports: 2 },
        { name: 'take-first-payment', version: '1.0.0', title: 'Take a first payment (API SOP)', runs: 20, succeeded: 20, successRate: 1, p50Ms: 300, p95Ms: 900, reports: 1 },
      ]);
      const community = await hubSearch(reader, { text: 'pay', sort: 'community' });
      assert.deepEqual(community.results.map((r) => [r.name, r.community?.runs ?? 0]), [['refund-request', 50], ['take-first-payment', 20]]);
      const bad = await refusal(hubReport(writer, { name: 'refund-request', version: '1.1.0', runs: 5, succeeded: 6, p50Ms: 10, p95Ms: 5 }));
      assert.equal(bad.code, 'invalid_input');
      assert.equal((await refusal(hubReport(writer, { name: 'refund-request', version: '7.0.0', runs: 1, succeeded: 1, p50Ms: 1, p95Ms: 1 }))).code, 'not_found');
      assert.equal((await refusal(hubReport(reader, { name: 'refund-request', version: '1.1.0', runs: 1, succeeded: 1, p50Ms: 1, p95Ms: 1 }))).code, 'unauthenticated');
      assert.equal((await hubRankingOf(reader)).ranking[0]!.runs, 50, 'refused reports change nothing');
      const records = processRecordsOf(f.ws.store)!;
      assert.deepEqual(await countStoreCalls(records, () => f.call(null, 'GET', '/api/hub/ranking')), { 'hub.ranking': 1 }, 'the ranking with its titles is one query');
      assert.deepEqual(await countStoreCalls(records, () => f.call(null, 'GET', '/api/hub/search?q=pay&sort=community')), { 'hub.search': 1, 'hub.figuresOf': 1 },
        'a search reads its candidates and their figures, not the whole ranking');
    });

    it("counts a token's report of a version once: a second within the hour is 429, a later one replaces it", async () => {
      const again = await f.call(f.tokenA, 'POST', '/api/hub/reports', { name: 'refund-request', version: '1.1.0', runs: 1_000_000, succeeded: 1_000_000, p50Ms: 1, p95Ms: 1 });
      assert.deepEqual([again.status, again.json.error.code, again.json.error.details.reason], [429, 'rate_limited', 'period']);
      assert.ok(Number(again.headers.get('retry-after')) > 3000, 'about an hour to wait');
      assert.equal((await hubRankingOf(reader)).ranking[0]!.runs, 50, 'the refused report changed nothing');
      // Two hours on (the service takes the time), the same token's new totals replace its 40 runs.
      const ctx = { store: f.ws.store, actor: await authenticateToken(f.ws.store, f.tokenA) };
      await reportToHub(ctx, { name: 'refund-request', version: '1.1.0', runs: 60, succeeded: 60, p50Ms: 1000, p95Ms: 4000 }, new Date(Date.now() + 2 * 3600_000));
      const [top] = (await hubRankingOf(reader)).ranking;
      assert.deepEqual([top!.name, top!.runs, top!.succeeded, top!.reports], ['refund-request', 70, 67, 2]);
      const stored = await f.call(null, 'GET', '/api/hub/ranking');
      assert.doesNotMatch(JSON.stringify(stored.json), new RegExp(f.tokenA.slice(0, 12)), 'no token in any answer');
    });

    it('limits public reads per client (connection address): 429 with Retry-After past the budget, writes unaffected', async () => {
      let status = 200;
      let last: Response | undefined;
      for (let i = 0; i < 200 && status === 200; i++) {
        last = await fetch(`${reader.hub}/api/hub/ranking?limit=1`);
        status = last.status;
      }
      assert.equal(status, 429);
      assert.equal((await last!.json()).error.code, 'rate_limited');
      assert.ok(Number(last!.headers.get('retry-after')) > 0);
      assert.equal((await f.call(null, 'GET', '/api/hub/ranking?limit=1')).status, 200, 'another client (in-process here) has its own budget');
      const publish = await hubPublish(writer, TRIAGE.replace('0.3.0', '0.9.0'), keys.privateKeyPem);
      assert.equal(publish.status, 'published', 'a write is not a read');
    });
  });
}

describe('the SOP hub on both stores', () => {
  it('answers every search the same on SQLite (FTS5) and PostgreSQL (tsvector)', () => {
    assert.equal(answers.size, 2);
    assert.deepEqual(answers.get('postgres'), answers.get('sqlite'));
  });
});

describe('a server without --hub', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({ webDir: null }); });
  after(async () => { await f.close(); });

  it("says so in who-am-I and the sign-in answer (the app's nav asks nothing of /api/hub), and has no hub routes", async () => {
    assert.equal((await f.call(f.tokenA, 'GET', '/api/auth/me')).json.hub, false);
    await f.userToken('no-hub@acme.test', ['viewer'], 'read', 'correct horse battery staple');
    const login = await f.call(null, 'POST', '/api/auth/login', { email: 'no-hub@acme.test', password: 'correct horse battery staple' });
    assert.deepEqual([login.status, login.json.hub], [200, false]);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/hub/ranking?limit=1')).status, 404);
    const me = (await f.call(null, 'GET', '/api/openapi.json')).json.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema;
    assert.ok(me.required.includes('hub'), 'documented');
  });
});
