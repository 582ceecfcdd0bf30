import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken } from '@sopflow/service';
import { startServer, type RunningServer } from './start-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';
import { readEvents } from './test-support/read-sse.js';

describe('an open event stream whose token is revoked (a real socket)', () => {
  let dir: string;
  let server: RunningServer;
  let admin: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-stream-revoke-'));
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, events: { pollMs: 20 }, pollMs: 20 });
    admin = { authorization: `Bearer ${(await tokenOf('admin')).token}` };
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const tokenOf = (scope: 'read' | 'admin') => createToken({ store: server.workspace.store, localAdmin: 'test' }, { tenant: 'default', user: 'owner@localhost', scope });
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(server.url + path, { method, headers: { ...admin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    return { status: res.status, json: await res.json() as any };
  };
  /** A run waiting at its person's task, and that task's id. */
  async function waitingRun(): Promise<{ runId: string; taskId: string }> {
    const sop = (await api('POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: contract-check-${Date.now()}`) })).json.sop;
    await api('POST', `/api/sops/${sop.id}/publish`);
    const runId: string = (await api('POST', `/api/sops/${sop.id}/run`)).json.runId;
    for (;;) {
      const task = (await api('GET', '/api/tasks')).json.tasks.find((t: any) => t.runId === runId);
      if (task !== undefined) return { runId, taskId: task.id };
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  /** Revokes the stream's token over the API, then moves the run to its end. */
  async function revokeThenFinish({ id, token }: { id: string; token: string }, taskId: string): Promise<void> {
    assert.equal((await api('POST', `/api/admin/tokens/${id}/revoke`)).status, 200);
    assert.equal((await fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
    assert.equal((await api('POST', `/api/tasks/${taskId}/complete`, { data: {} })).status, 200);
  }

  it("GET /api/events sends nothing of the tenant after the revoke and ends", async () => {
    const { taskId } = await waitingRun();
    const token = await tokenOf('read');
    const events = await readEvents(`${server.url}/api/events`, { authorization: `Bearer ${token.token}` }, (e) => e.event === 'RunCompleted', async (e) => {
      if (e.event === 'ready') await revokeThenFinish(token, taskId);
    });
    assert.deepEqual(events.map((e) => e.event), ['ready']);
  });

  it('GET /api/runs/:id/events sends nothing of the run after the revoke and ends (no `end`)', async () => {
    const { runId, taskId } = await waitingRun();
    const token = await tokenOf('read');
    let revoked = false;
    const events = await readEvents(`${server.url}/api/runs/${runId}/events`, { authorization: `Bearer ${token.token}` }, (e) => e.event === 'end', async () => {
      if (!revoked) { revoked = true; await revokeThenFinish(token, taskId); }
    });
    const types = events.map((e) => e.event);
    assert.equal(types.includes('TaskCompleted') || types.includes('RunCompleted') || types.includes('end'), false, types.join(', '));
  });
});
