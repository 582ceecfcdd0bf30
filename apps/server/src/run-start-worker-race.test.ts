import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createToken } from '@sopflow/service';
import { startServer, type RunningServer } from './start-server.js';

// A non-idempotent command step that takes a moment: the request that starts the run executes it
// while the embedded worker is woken by the run's first append.
const SLOW_STEP_OSOP = `osop_version: "1.1"
id: slow-step
name: Slow step
version: 1.0.0
nodes:
  - id: write
    type: cli
    name: Write the record
    runtime:
      command: ["/bin/sh", "-c", "sleep 0.3; echo written"]
  - id: close
    type: system
    name: Close
    runtime:
      action: noop
edges:
  - {from: write, to: close}
`;

describe('a run started over HTTP beside the embedded worker', () => {
  let dir: string;
  let server: RunningServer;
  let auth: Record<string, string>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-start-race-'));
    server = await startServer({ port: 0, db: join(dir, 's.db'), auditKeyFile: join(dir, 'audit.key'), baseDir: dir, webDir: null, pollMs: 20 });
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

  it('runs its non-idempotent step once to completion: the worker does not take over the run the request still holds (no "did this happen?" task)', async () => {
    const sop = (await api('POST', '/api/sops', { osop: SLOW_STEP_OSOP })).json.sop;
    assert.equal((await api('POST', `/api/sops/${sop.id}/publish`)).status, 200);
    for (let i = 0; i < 3; i++) {
      const started = await api('POST', `/api/sops/${sop.id}/run`);
      assert.equal(started.status, 202);
      let history: { events: { type: string; data: any }[]; finished: boolean };
      for (;;) {
        history = (await api('GET', `/api/runs/${started.json.runId}/history`)).json;
        if (history.finished || history.events.some((e) => e.type === 'Escalated')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const types = history.events.map((e) => e.type);
      assert.deepEqual(types.filter((t) => t === 'Escalated' || t === 'TaskOpened'), [], `run ${i + 1}: ${types.join(', ')}`);
      assert.equal(history.events.filter((e) => e.type === 'StepStarted' && e.data.nodeId === 'write').length, 1);
      assert.equal(types.at(-1), 'RunCompleted');
    }
  });
});
