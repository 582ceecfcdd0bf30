import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSocketServer, type SocketServer } from './test-support/socket-server.js';
import { CONTRACT_OSOP } from './test-support/server-fixture.js';
import { readEvents } from './test-support/read-sse.js';

describe('an open event stream whose token is revoked (a real socket)', () => {
  let t: SocketServer;
  before(async () => { t = await openSocketServer('sopflow-stream-revoke-'); });
  after(() => t.close());
  const api = (method: string, path: string, body?: unknown) => t.api(method, path, body);
  const tokenOf = (scope: 'read') => t.tokenOf(scope);
  const url = (path: string) => t.server.url + path;
  /** A run waiting at its person's task, and that task's id. */
  async function waitingRun(): Promise<{ runId: string; taskId: string }> {
    const sop = (await api('POST', '/api/sops', { osop: CONTRACT_OSOP.replace('id: contract-check', `id: contract-check-${Date.now()}`) })).json.sop;
    await api('POST', `/api/sops/${sop.id}/publish`);
    const runId: string = (await api('POST', `/api/sops/${sop.id}/run`)).json.runId;
    for (;;) {
      const task = (await api('GET', '/api/tasks')).json.tasks.find((task: any) => task.runId === runId);
      if (task !== undefined) return { runId, taskId: task.id };
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  /** Revokes the stream's token over the API, then moves the run to its end. */
  async function revokeThenFinish({ id, token }: { id: string; token: string }, taskId: string): Promise<void> {
    assert.equal((await api('POST', `/api/admin/tokens/${id}/revoke`)).status, 200);
    assert.equal((await fetch(`${url('/api/auth/me')}`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
    assert.equal((await api('POST', `/api/tasks/${taskId}/complete`, { data: {} })).status, 200);
  }

  it("GET /api/events sends nothing of the tenant after the revoke and ends", async () => {
    const { taskId } = await waitingRun();
    const token = await tokenOf('read');
    const events = await readEvents(url('/api/events'), { authorization: `Bearer ${token.token}` }, (e) => e.event === 'RunCompleted', async (e) => {
      if (e.event === 'ready') await revokeThenFinish(token, taskId);
    });
    assert.deepEqual(events.map((e) => e.event), ['ready']);
  });

  it('GET /api/runs/:id/events sends nothing of the run after the revoke and ends (no `end`)', async () => {
    const { runId, taskId } = await waitingRun();
    const token = await tokenOf('read');
    let revoked = false;
    const events = await readEvents(url(`/api/runs/${runId}/events`), { authorization: `Bearer ${token.token}` }, (e) => e.event === 'end', async () => {
      if (!revoked) { revoked = true; await revokeThenFinish(token, taskId); }
    });
    const types = events.map((e) => e.event);
    assert.equal(types.includes('TaskCompleted') || types.includes('RunCompleted') || types.includes('end'), false, types.join(', '));
  });
});
