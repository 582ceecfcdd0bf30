import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { addAccountUser, createTenant, createToken } from '@sopflow/service';
import { startServer, type RunningServer } from './start-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';
import { readEvents, type SseEvent } from './test-support/read-sse.js';
import { createFixture, type Fixture } from './test-support/server-fixture.js';
import { createServerApp } from './create-server-app.js';
import { createChangeFeed } from './change-feed.js';

const POLL_MS = 20;

describe("the tenant's change stream over a real socket, from one shared poller", () => {
  let dir: string;
  let server: RunningServer;
  let auth: Record<string, string>;
  let other: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-feed-'));
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: POLL_MS, heartbeatMs: 40 }, pollMs: 20 });
    const local = { store: server.workspace.store, localAdmin: 'test' };
    auth = { authorization: `Bearer ${(await createToken(local, { tenant: 'default', user: 'owner@localhost', scope: 'admin' })).token}` };
    await createTenant(local, { slug: 'globex' });
    await addAccountUser(local, { tenant: 'globex', email: 'owner@globex.test', roles: ['owner'] });
    other = { authorization: `Bearer ${(await createToken(local, { tenant: 'globex', user: 'owner@globex.test', scope: 'read' })).token}` };
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: await res.json() as any };
  };

  it("gives the tenant's run events to its stream and to five run streams from one poller, none to another tenant; Last-Event-ID resumes, an unknown one resets", async () => {
    const sop = (await api('POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await api('POST', `/api/sops/${sop.id}/publish`);
    const globex = new AbortController();
    const globexSaw: SseEvent[] = [];
    const globexDone = readEvents(`${server.url}/api/events`, other, () => false, async (e) => { globexSaw.push(e); }, globex.signal).catch(() => globexSaw);

    let runId = '';
    let completed = false;
    const tenant = readEvents(`${server.url}/api/events`, auth, (e) => e.event === 'RunCompleted', async (e) => {
      if (e.event === 'ready' && runId === '') {
        runId = (await api('POST', `/api/sops/${sop.id}/run`)).json.runId;
      }
      if (e.event === 'TaskOpened' && !completed) {
        completed = true;
        const streams = [1, 2, 3, 4, 5].map(() => readEvents(`${server.url}/api/runs/${runId}/events`, auth, (x) => x.event === 'end'));
        for (let i = 0; i < 200 && server.feed.stats().subscribers < 7; i++) await new Promise((r) => setTimeout(r, 5));
        assert.equal(server.feed.stats().subscribers, 7, 'two tenant streams and five run streams share one feed');
        const before = { polls: server.feed.stats().polls, at: Date.now() };
        await new Promise((r) => setTimeout(r, POLL_MS * 10));
        const polled = server.feed.stats().polls - before.polls;
        assert.ok(polled <= Math.ceil((Date.now() - before.at) / POLL_MS) + 2, `${polled} polls in ${Date.now() - before.at} ms with seven listeners: one poller`);
        assert.equal((await api('POST', `/api/tasks/${JSON.parse(e.data).data.taskId}/complete`, { data: {} })).status, 200);
        for (const s of await Promise.all(streams)) assert.deepEqual(JSON.parse(s.at(-1)!.data), { status: 'completed' });
      }
    });
    const seen = await tenant;
    const changes = seen.filter((e) => e.id !== undefined);
    assert.ok(changes.every((e) => JSON.parse(e.data).runId === runId));
    assert.deepEqual(changes.map((e) => JSON.parse(e.data).seq), changes.map((_, i) => i + 1), 'every event of the run once, in order');
    const ids = changes.map((e) => Number(e.id));
    assert.deepEqual(ids, [...ids].sort((a, b) => a - b));

    await new Promise((r) => setTimeout(r, POLL_MS * 4));
    globex.abort();
    assert.deepEqual((await globexDone).map((e) => e.event), ['ready'], 'another tenant sees none of it');

    const resumed = await readEvents(`${server.url}/api/events`, { ...auth, 'last-event-id': String(ids[2]) }, (e) => e.event === 'RunCompleted');
    assert.deepEqual(resumed.filter((e) => e.id !== undefined).map((e) => Number(e.id)), ids.slice(3));
    const reset = await readEvents(`${server.url}/api/events`, { ...auth, 'last-event-id': '999999' }, (e) => e.event === 'ready');
    assert.equal(reset[0]!.event, 'reset');
  });

  it('sends a heartbeat comment while idle and lets go of the feed once the client leaves', async () => {
    const gone = async () => { for (let i = 0; i < 400 && server.feed.stats().subscribers > 0; i++) await new Promise((r) => setTimeout(r, 5)); };
    await gone();
    assert.equal(server.feed.stats().subscribers, 0, "the test above's closed streams no longer listen");
    const leave = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { headers: { accept: 'text/event-stream', ...auth }, signal: leave.signal });
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    while (!text.includes(': heartbeat\n\n')) text += (await reader.read()).value ?? '';
    assert.match(text, /^event: ready\ndata: \{"lastId":\d+\}\n\n/);
    assert.equal(server.feed.stats().subscribers, 1);
    leave.abort();
    await gone();
    assert.equal(server.feed.stats().subscribers, 0, 'the closed stream no longer listens');
  });

  it('refuses the stream without a token (401) and a malformed Last-Event-ID (400) before it opens', async () => {
    assert.equal((await fetch(`${server.url}/api/events`)).status, 401);
    assert.equal((await fetch(`${server.url}/api/events`, { headers: { ...auth, 'last-event-id': 'x' } })).status, 400);
  });
});

describe("the tenant's change stream when this process's engine stores events", () => {
  let dir: string;
  let server: RunningServer;
  let auth: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-feed-wake-'));
    // The feed's timer would first tick after an hour: every change below reaches the stream because the engine woke the feed.
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: 3_600_000 }, pollMs: 20 });
    auth = { authorization: `Bearer ${(await createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: 'owner@localhost', scope: 'admin' })).token}` };
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("wakes the feed on the engine's events, not its timer: a run's every event reaches the stream in order, in fewer polls than events", async () => {
    const api = async (method: string, path: string, body?: unknown) => (await fetch(server.url + path, {
      method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })).json() as Promise<any>;
    const sop = (await api('POST', '/api/sops', { osop: CONTRACT_OSOP })).sop;
    await api('POST', `/api/sops/${sop.id}/publish`);
    let runId = '';
    const seen = await readEvents(`${server.url}/api/events`, auth, (e) => e.event === 'RunCompleted', async (e) => {
      if (e.event === 'ready') runId = (await api('POST', `/api/sops/${sop.id}/run`)).runId;
      if (e.event === 'TaskOpened') await api('POST', `/api/tasks/${JSON.parse(e.data).data.taskId}/complete`, { data: {} });
    });
    const changes = seen.filter((e) => e.id !== undefined).map((e) => JSON.parse(e.data));
    assert.ok(changes.every((c) => c.runId === runId));
    assert.deepEqual(changes.map((c) => c.seq), changes.map((_, i) => i + 1), 'every event of the run once, in order');
    assert.ok(server.feed.stats().polls < changes.length, `${server.feed.stats().polls} polls for ${changes.length} events`);
  });
});

describe("the tenant's change stream in-process (app.request, no Node response to write to)", () => {
  it('opens as a web stream: the ready event first, and cancelling it lets go of the feed', async () => {
    const feed = createChangeFeed(fixture.ws.store, { pollMs: 3_600_000 });
    const app = createServerApp(fixture.ws, { feed, webDir: null });
    const res = await app.request('/api/events', { headers: { authorization: `Bearer ${fixture.tokenA}` } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
    const reader = res.body!.getReader();
    assert.match(new TextDecoder().decode((await reader.read()).value), /^event: ready\ndata: \{"lastId":0\}\n\n$/);
    assert.equal(feed.stats().subscribers, 1);
    await reader.cancel();
    assert.equal(feed.stats().subscribers, 0);
    feed.close();
  });

  it('closes the stream of a client that stops reading once more than maxBacklogBytes wait, and lets go of the feed', async () => {
    const feed = createChangeFeed(fixture.ws.store, { pollMs: 3_600_000 });
    const app = createServerApp(fixture.ws, { feed, webDir: null, events: { maxBacklogBytes: 600 } });
    const call = async (method: string, path: string) => (await app.request(path, { method, headers: { authorization: `Bearer ${fixture.tokenA}` } })).json() as Promise<any>;
    const res = await app.request('/api/events', { headers: { authorization: `Bearer ${fixture.tokenA}` } });
    const reader = res.body!.getReader();
    assert.match(new TextDecoder().decode((await reader.read()).value), /^event: ready\n/);
    // Nothing more is read: the run's events (each change several hundred bytes) pile up past 600 bytes.
    const created = await app.request('/api/sops', { method: 'POST', headers: { authorization: `Bearer ${fixture.tokenA}`, 'content-type': 'application/json' }, body: JSON.stringify({ osop: CONTRACT_OSOP }) });
    const sop = (await created.json() as any).sop;
    await call('POST', `/api/sops/${sop.id}/publish`);
    await call('POST', `/api/sops/${sop.id}/run`);
    for (let i = 0; i < 200 && feed.stats().subscribers > 0; i++) {
      await feed.poll();
      await new Promise((r) => setTimeout(r, 10));
    }
    assert.equal(feed.stats().subscribers, 0, 'the stalled stream no longer listens');
    assert.ok(feed.stats().lastId > 0, 'the run made changes');
    await assert.rejects(async () => { for (;;) if ((await reader.read()).done) return; }, /read too slowly: more than 600 bytes were waiting/);
    feed.close();
  });

  let fixture: Fixture;
  before(async () => { fixture = await createFixture(); });
  after(async () => { await fixture.close(); });
});
