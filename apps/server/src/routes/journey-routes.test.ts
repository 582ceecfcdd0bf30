import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createJourneyKey, isServiceError, listJourneyKeys, revokeJourneyKey } from '@sopflow/service';
import { startServer, type RunningServer } from '../index.js';

const SITE = 'https://shop.example';
const dir = mkdtempSync(join(tmpdir(), 'sopflow-journeys-'));
let server: RunningServer;
let key = '';
let openKey = '';

/** What navigator.sendBeacon sends for a string body: POST, text/plain, the page's Origin. */
function beacon(body: unknown, headers: Record<string, string> = {}, k = key): Promise<Response> {
  return fetch(`${server.url}/api/journeys/events?key=${k}`, {
    method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', origin: SITE, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The stored rows, read straight from the database file. */
function storedRows(): Record<string, unknown>[] {
  const db = new Database(join(dir, 'sopflow.db'), { readonly: true });
  try {
    return db.prepare('SELECT * FROM journey_events ORDER BY session_id, at, id').all() as Record<string, unknown>[];
  } finally {
    db.close();
  }
}

describe('journey collector (a real server on 127.0.0.1)', () => {
  before(async () => {
    server = await startServer({ port: 0, db: join(dir, 'sopflow.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, pollMs: 20, operator: 'test', journeys: { eventsPerMinute: 20, unknownKeysPerMinute: 6 } });
    const local = { store: server.workspace.store, localAdmin: 'test' };
    key = (await createJourneyKey(local, { tenant: 'default', origins: [`${SITE}/any/path`] })).key;
    openKey = (await createJourneyKey(local, { tenant: 'default' })).key;
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a beacon sent as text/plain, reads and sets no cookie, and keeps no address of the sender', async () => {
    const res = await beacon({ session: 'sess-human-0001', events: [{ step: '/', at: new Date(Date.now() - 2000).toISOString() }, { step: '/pricing' }] }, { cookie: 'sopflow_session=not-a-session' });
    assert.equal(res.status, 202, await res.clone().text());
    assert.deepEqual(await res.json(), { accepted: 2 });
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(res.headers.get('access-control-allow-origin'), SITE);
    assert.equal(res.headers.get('access-control-allow-credentials'), null);
    const rows = storedRows();
    assert.deepEqual(Object.keys(rows[0]!).sort(), ['agent', 'at', 'id', 'outcome', 'received_at', 'session_id', 'step', 'tenant_id']);
    assert.deepEqual(rows.map((r) => [r.session_id, r.step, r.agent, r.outcome]), [['sess-human-0001', '/', null, null], ['sess-human-0001', '/pricing', null, null]]);
    for (const row of rows) assert.ok(!/127\.0\.0\.1|::1|localhost/.test(JSON.stringify(row)), `no address in ${JSON.stringify(row)}`);
  });

  it('answers the CORS preflight for the origins of the key only, and refuses a page of another site', async () => {
    const preflight = (origin: string, k = key) => fetch(`${server.url}/api/journeys/events?key=${k}`, {
      method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, sopflow-agent' },
    });
    const ok = await preflight(SITE);
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), SITE);
    assert.equal(ok.headers.get('access-control-allow-methods'), 'POST');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /sopflow-agent/);
    const other = await preflight('https://evil.example');
    assert.equal(other.status, 403);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.equal((await preflight('https://anyone.example', openKey)).headers.get('access-control-allow-origin'), 'https://anyone.example', 'a key without origins accepts any site');

    const before = storedRows().length;
    const refused = await beacon({ session: 'sess-evil-00001', step: '/' }, { origin: 'https://evil.example' });
    assert.equal(refused.status, 403);
    assert.equal((await refused.json()).error.code, 'not_authorised');
    assert.equal(storedRows().length, before, 'nothing stored');
  });

  it("marks an agent's session by its header, also without a browser origin", async () => {
    const res = await fetch(`${server.url}/api/journeys/events?key=${key}`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'sopflow-agent': 'shopper-bot/1.0' },
      body: JSON.stringify({ session: 'sess-agent-0001', step: 'checkout', outcome: 'converted' }),
    });
    assert.equal(res.status, 202);
    const row = storedRows().find((r) => r.session_id === 'sess-agent-0001');
    assert.deepEqual([row?.agent, row?.step, row?.outcome], ['shopper-bot/1.0', 'checkout', 'converted']);
  });

  it('refuses bad input with a coded error and stores nothing: not JSON, no session, a bad time, an unknown key, over 16 KiB', async () => {
    const before = storedRows().length;
    const cases: [Promise<Response>, number, string][] = [
      [beacon('{"session": '), 400, 'invalid_request'],
      [beacon({ events: [{ step: '/' }] }), 400, 'invalid_request'],
      [beacon({ session: 'sess-bad-00001', events: [{ step: '/', at: 'yesterday-ish' }] }), 400, 'invalid_request'],
      [beacon({ session: 'sess-bad-00001', events: [{ step: '/' }, { step: '' }] }), 400, 'invalid_request'],
      [beacon({ session: 'sess-bad-00001', step: '/' }, {}, 'jk_unknownkeyunknownkey'), 404, 'not_found'],
      [beacon({ session: 'sess-bad-00001', step: '/'.repeat(17 * 1024) }), 413, 'too_large'],
    ];
    for (const [pending, status, code] of cases) {
      const res = await pending;
      assert.equal(res.status, status);
      assert.equal((await res.json()).error.code, code);
    }
    assert.equal(storedRows().length, before);
  });

  it('serves /journey.js: a small script without dependencies that sends with sendBeacon', async () => {
    const res = await fetch(`${server.url}/journey.js`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /javascript/);
    const text = await res.text();
    assert.ok(text.length < 4096, `${text.length} bytes`);
    assert.match(text, /navigator\.sendBeacon\(endpoint, body\)/);
    assert.doesNotMatch(text, /document\.cookie|import |require\(/);
  });

  it('rate-limits each journey key (429 with Retry-After) and leaves other keys alone', async () => {
    // The budget is 20 events a minute; 4 were stored above, 2 refused before their budget was spent.
    let status = 202;
    let sent = 0;
    let last: Response | undefined;
    while (status === 202 && sent < 40) {
      last = await beacon({ session: 'sess-burst-0001', events: [{ step: '/a' }, { step: '/b' }] });
      status = last.status;
      sent += 2;
    }
    assert.equal(status, 429);
    assert.ok(Number(last!.headers.get('retry-after')) > 0);
    assert.equal((await last!.json()).error.code, 'rate_limited');
    assert.ok(sent <= 22, `refused after ${sent} events`);
    assert.equal((await beacon({ session: 'sess-other-0001', step: '/' }, { origin: 'https://a.example' }, openKey)).status, 202, 'another key has its own budget');
  });

  it('refuses a revoked key from the next request on, and lists it no more; another tenant cannot revoke it', async () => {
    const local = { store: server.workspace.store, localAdmin: 'test' };
    const doomed = (await createJourneyKey(local, { tenant: 'default', origins: [SITE] })).key;
    assert.equal((await beacon({ session: 'sess-revoke-0001', step: '/' }, {}, doomed)).status, 202);
    const revoked = await revokeJourneyKey(local, { tenant: 'default', key: doomed });
    assert.equal(revoked.key, doomed);
    assert.ok(!Number.isNaN(Date.parse(revoked.revoked_at)));
    const refused = await beacon({ session: 'sess-revoke-0001', step: '/pricing' }, {}, doomed);
    assert.deepEqual([refused.status, (await refused.json()).error.code], [404, 'not_found']);
    const preflight = await fetch(`${server.url}/api/journeys/events?key=${doomed}`, { method: 'OPTIONS', headers: { origin: SITE, 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 404);
    assert.ok(!(await listJourneyKeys(local, 'default')).some((k) => k.key === doomed));
    assert.deepEqual(storedRows().filter((r) => r.session_id === 'sess-revoke-0001').map((r) => r.step), ['/'], 'its earlier events stay');
    const again = await revokeJourneyKey(local, { tenant: 'default', key: doomed }).catch((e: unknown) => e);
    assert.ok(isServiceError(again) && again.code === 'not_found', 'revoking twice is not_found');
  });

  it('rate-limits requests with unknown keys per client (429 with Retry-After) before looking the key up', async () => {
    // The budget is 6 a minute per client; one unknown and two revoked-key requests above spent 3 (one comes back every 10 s).
    const answers: Response[] = [];
    for (let i = 0; i < 6; i++) answers.push(await beacon({ session: 'sess-probe-0001', step: '/' }, {}, `jk_probe${String(i).padStart(12, '0')}`));
    const codes = answers.map((r) => r.status);
    assert.equal(codes[0], 404);
    assert.ok(codes.filter((c) => c === 404).length <= 4 && codes.at(-1) === 429, `refused once the budget is spent: ${codes.join(' ')}`);
    const limited = answers.at(-1)!;
    assert.equal((await limited.json()).error.code, 'rate_limited');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await beacon({ session: 'sess-probe-0002', step: '/' }, {}, key)).status, 429, 'a client that spent it waits before any lookup, whatever key it names');
  });
});
