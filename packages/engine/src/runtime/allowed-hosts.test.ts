import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createMemoryStore } from '@sopflow/store';
import { createApiExecutor, createEngine, parseWorkflowSource, type StepFailed } from '../index.js';

let server: Server;
let port = 0;
let requests = 0;

before(async () => {
  server = createServer((_request, response) => {
    requests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function workflow(allowed: string[]) {
  return parseWorkflowSource(`osop_version: "1.1"
id: ping
name: Ping the local service
${allowed.length === 0 ? '' : `allowed_hosts: [${allowed.map((h) => JSON.stringify(h)).join(', ')}]\n`}nodes:
  - { id: ping, type: api, runtime: { method: GET, url: "http://127.0.0.1:${port}/health" } }
edges: []
`, 'ping.osop');
}

describe("the workflow's allowed_hosts reach the api executor", () => {
  it('runs an api step against 127.0.0.1 when the workflow lists it in allowed_hosts', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, executors: [createApiExecutor()], identity: 'unchecked' });
    const before = requests;
    const runId = await engine.startRun(workflow(['127.0.0.1']));
    const run = await engine.getRun(runId);
    assert.equal(run.state.status, 'completed', JSON.stringify(run.state.steps.ping.error));
    assert.deepEqual((run.state.steps.ping.output as { body: unknown }).body, { ok: true });
    assert.equal(requests, before + 1);
  });

  it('fails the step with HOST_NOT_ALLOWED when 127.0.0.1 is not listed, and sends nothing', async () => {
    const store = createMemoryStore();
    const engine = createEngine({ store, executors: [createApiExecutor()], identity: 'unchecked' });
    const before = requests;
    for (const allowed of [['api.example.com'], []]) {
      const runId = await engine.startRun(workflow(allowed));
      const run = await engine.getRun(runId);
      const failed = run.events.find((e): e is StepFailed => e.type === 'StepFailed');
      assert.equal(run.state.status, 'failed');
      assert.equal(failed?.error.code, 'HOST_NOT_ALLOWED', String(allowed));
    }
    assert.equal(requests, before);
  });
});
