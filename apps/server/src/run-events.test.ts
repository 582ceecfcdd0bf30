import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken } from '@sopflow/service';
import { startServer, type RunningServer } from './start-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';
import { readEvents } from './test-support/read-sse.js';

describe("a run's server-sent events over a real socket", () => {
  let dir: string;
  let server: RunningServer;
  let auth: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-sse-'));
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: 20 }, pollMs: 20 });
    const token = (await createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: 'owner@localhost', scope: 'admin' })).token;
    auth = { authorization: `Bearer ${token}` };
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: await res.json() as any };
  };

  it('streams the history, then each new event as the run goes on (a task completed meanwhile), then end with the final status; Last-Event-ID resumes after that event', async () => {
    const sop = (await api('POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await api('POST', `/api/sops/${sop.id}/publish`);
    const runId: string = (await api('POST', `/api/sops/${sop.id}/run`)).json.runId;
    let completed = false;
    const events = await readEvents(`${server.url}/api/runs/${runId}/events`, auth, (e) => e.event === 'end', async (e) => {
      if (e.event === 'TaskOpened' && !completed) {
        completed = true;
        const taskId = JSON.parse(e.data).data.taskId as string;
        assert.equal((await api('POST', `/api/tasks/${taskId}/complete`, { data: {} })).status, 200);
      }
    });
    assert.ok(completed, `no TaskOpened among ${events.map((e) => e.event)}`);
    const seqs = events.filter((e) => e.id !== undefined).map((e) => Number(e.id));
    assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'every event once, in order, from seq 1');
    assert.equal(events.at(-2)!.event, 'RunCompleted');
    assert.deepEqual(JSON.parse(events.at(-1)!.data), { status: 'completed' });
    const resumed = await readEvents(`${server.url}/api/runs/${runId}/events`, { ...auth, 'last-event-id': '3' }, (e) => e.event === 'end');
    assert.equal(resumed[0]!.id, '4');
    assert.equal(resumed.filter((e) => e.id !== undefined).length, seqs.length - 3);
  });

  it('refuses a stream of an unknown run with 404 before it opens, and one without a token with 401', async () => {
    const unknown = await fetch(`${server.url}/api/runs/r-nope/events`, { headers: auth });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as any).error.code, 'not_found');
    assert.equal((await fetch(`${server.url}/api/runs/r-nope/events`)).status, 401);
  });
});
