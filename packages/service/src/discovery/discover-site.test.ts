import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { discoverSite, pullOperation, ServiceError } from '@sopflow/service';

const COLLECTION = `sop_version: "1.0"
id: pay
name: Payments Co.
description: What our API is for.
sections:
  - name: Payments
    workflows:
      - { ref: take-payment.osop, title: Take a payment, description: Charge a card once }
      - { ref: broken.osop, title: Broken one }
`;
const TAKE_PAYMENT = `osop_version: "1.0"
id: take-payment
name: Take a payment
roles: [finance]
nodes:
  - { id: create, type: api, name: Create the payment intent, runtime: { method: POST, url: "https://api.example.com/intents" } }
  - { id: approve, type: human, name: Approve a large payment, role: finance }
  - { id: charge, type: api, name: Charge the card, approval_gate: { required: true, approver_role: finance }, runtime: { method: POST, url: "https://api.example.com/charges" } }
edges:
  - { from: create, to: approve, mode: sequential }
  - { from: approve, to: charge, mode: sequential }
`;

/** A collection whose every .osop never answers: only the discovery's total time ends it. */
const STALLING_COLLECTION = `sop_version: "1.0"
id: slow
name: Slow Co.
sections:
  - name: All
    workflows:
      - { ref: stall-1.osop, title: One }
      - { ref: stall-2.osop, title: Two }
      - { ref: stall-3.osop, title: Three }
`;

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A site on 127.0.0.1 whose answers the test sets per path. */
async function startSite(routes: Record<string, Handler>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const handler = routes[req.url ?? ''];
    if (handler === undefined) { res.writeHead(404).end('not here'); return; }
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, server };
}

const yaml = (text: string): Handler => (_req, res) => { res.writeHead(200, { 'content-type': 'application/yaml' }).end(text); };
const redirect = (to: string): Handler => (_req, res) => { res.writeHead(302, { location: to }).end(); };

async function refusal(work: Promise<unknown>): Promise<ServiceError> {
  try {
    await work;
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('discoverSite and pullOperation against sites on 127.0.0.1', () => {
  let site: { url: string; server: Server };
  let hops = 0;
  before(async () => {
    site = await startSite({
      '/.well-known/sop': (_req, res) => { res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>a web app page</p>'); },
      '/.sop': yaml(COLLECTION),
      '/take-payment.osop': yaml(TAKE_PAYMENT),
      '/broken.osop': yaml('osop_version: "1.0"\nid: broken\nnodes: ['),
      '/loop.sop': (_req, res) => { hops += 1; res.writeHead(302, { location: '/loop.sop' }).end(); },
      '/to-file.sop': redirect('file:///etc/passwd'),
      '/big.sop': (_req, res) => { res.writeHead(200, { 'content-type': 'application/yaml' }); res.end(`# ${'x'.repeat(2048)}\n${COLLECTION}`); },
      '/hangs.sop': () => { /* never answers */ },
      '/bad.sop': yaml('sop_version: "2.0"\nid: x\nname: y\nsections: []\n'),
      '/stalls.sop': yaml(STALLING_COLLECTION),
      '/stall-1.osop': () => { /* never answers */ },
      '/stall-2.osop': () => { /* never answers */ },
      '/stall-3.osop': () => { /* never answers */ },
    });
  });
  after(async () => { site.server.closeAllConnections(); await new Promise((resolve) => site.server.close(resolve)); });

  it('skips an HTML page at /.well-known/sop, reads /.sop, and lists each operation with its steps, who does what and approvals', async () => {
    const found = await discoverSite(site.url);
    assert.equal(found.collectionUrl, `${site.url}/.sop`);
    assert.equal(found.collection.name, 'Payments Co.');
    const [pay, broken] = found.operations;
    assert.equal(pay!.name, 'Take a payment');
    assert.equal(pay!.url, `${site.url}/take-payment.osop`);
    assert.equal(pay!.valid, true);
    assert.deepEqual(pay!.steps.map((s) => [s.sequence_order, s.title, s.performer]), [
      [1, 'Create the payment intent', 'system'], [2, 'Approve a large payment', 'human'], [3, 'Charge the card', 'system'],
    ]);
    assert.deepEqual(pay!.whoDoesWhat, [{ role: '(no role)', steps: ['Create the payment intent', 'Charge the card'] }, { role: 'finance', steps: ['Approve a large payment'] }]);
    assert.deepEqual(pay!.approvals, [{ step: 'Charge the card', reasons: ['approval_gate'], approverRole: 'finance' }]);
    assert.match(pay!.outline, /Charge the card/);
    assert.equal(broken!.valid, false);
    assert.equal(broken!.problems[0]!.code, 'yaml-syntax');
  });

  it('pulls one operation by title or workflow id, byte for byte, and refuses one that does not validate or is not there', async () => {
    const byTitle = await pullOperation(site.url, 'take a payment');
    assert.equal(byTitle.text, TAKE_PAYMENT);
    assert.equal(byTitle.fileName, 'take-payment.osop');
    assert.equal((await pullOperation(`${site.url}/.sop`, 'take-payment')).text, TAKE_PAYMENT);
    const bad = await refusal(pullOperation(site.url, 'Broken one'));
    assert.equal(bad.code, 'invalid_document');
    assert.equal((bad.details as { diagnostics: { code: string }[] }).diagnostics[0]!.code, 'yaml-syntax');
    const missing = await refusal(pullOperation(site.url, 'Refund'));
    assert.equal(missing.code, 'not_found');
    assert.match(missing.message, /"Take a payment"/);
  });

  it('says a site has no collection (not_found, naming both places tried)', async () => {
    const bare = await startSite({});
    try {
      const error = await refusal(discoverSite(bare.url));
      assert.equal(error.code, 'not_found');
      assert.match(error.message, /\/\.well-known\/sop \(404\) or .*\/\.sop \(404\)/);
    } finally {
      await new Promise((resolve) => bare.server.close(resolve));
    }
  });

  it('keeps to its limits: size, redirects (count and scheme), time; refuses a collection that does not validate and a URL that is not http(s)', async () => {
    const big = await refusal(discoverSite(`${site.url}/big.sop`, { maxBytes: 1024 }));
    assert.equal(big.code, 'invalid_data');
    assert.equal((big.details as { reason: string }).reason, 'too_large');
    hops = 0;
    const loop = await refusal(discoverSite(`${site.url}/loop.sop`, { maxRedirects: 3 }));
    assert.equal((loop.details as { reason: string }).reason, 'too_many_redirects');
    assert.equal(hops, 4, 'the first request and 3 redirects followed, then it gives up');
    const scheme = await refusal(discoverSite(`${site.url}/to-file.sop`));
    assert.equal((scheme.details as { reason: string }).reason, 'redirect_scheme');
    const slow = await refusal(discoverSite(`${site.url}/hangs.sop`, { timeoutMs: 200 }));
    assert.equal(slow.code, 'unavailable');
    assert.equal((slow.details as { reason: string }).reason, 'timeout');
    const invalid = await refusal(discoverSite(`${site.url}/bad.sop`));
    assert.equal(invalid.code, 'invalid_document');
    assert.equal((await refusal(discoverSite('ftp://example.com'))).code, 'invalid_request');
    const closed = await refusal(discoverSite('http://127.0.0.1:1'));
    assert.equal(closed.code, 'unavailable');
  });

  it('keeps the whole discovery within its total time: operations not read by then are listed as unreadable, and a pull is unavailable', async () => {
    // Each fetch alone may take 10 s; the collection and its three stalling .osop links together get 1 s.
    const site3 = await discoverSite(`${site.url}/stalls.sop`, { timeoutMs: 10_000, totalMs: 1000 });
    assert.deepEqual(site3.operations.map((o) => [o.name, o.valid, o.problems[0]?.code]), [['One', false, 'unavailable'], ['Two', false, 'unavailable'], ['Three', false, 'unavailable']]);
    assert.match(site3.operations[0]!.problems[0]!.message, /stall-1\.osop took longer than \d+ ms/, 'the first stalls until the time is up');
    for (const op of site3.operations.slice(1)) assert.match(op.problems[0]!.message, /not read: the discovery's time ran out/);
    const pull = await refusal(pullOperation(`${site.url}/stalls.sop`, 'no-such-id', { timeoutMs: 10_000, totalMs: 1000 }));
    assert.equal(pull.code, 'unavailable');
    assert.equal((pull.details as { reason: string }).reason, 'discovery_time');
  });
});
