import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openSocketServer, type SocketServer } from './test-support/socket-server.js';

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
  let t: SocketServer;
  before(async () => { t = await openSocketServer('sopflow-start-race-'); });
  after(() => t.close());
  const api = (method: string, path: string, body?: unknown) => t.api(method, path, body);

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
