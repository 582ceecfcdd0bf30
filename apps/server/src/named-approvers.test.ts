import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

// The gate names who approves; the step's role (finance) is held by more people, the requester among them.
const SPEND_OSOP = `osop_version: "1.0"
id: named-spend
name: Named spend
nodes:
  - id: approve
    type: human
    name: Approve the spend
    role: finance
    approval_gate: { required: true, approvers: [dana@acme.test, alice@acme.test] }
  - { id: pay, type: system, name: Pay, runtime: { action: noop } }
edges:
  - { from: approve, to: pay, mode: sequential }
`;

describe('an approval gate that names its approvers (HTTP)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  it("refuses the run's requester and another holder of the step's role (403 not_authorised naming the approvers); the second person named approves", async () => {
    const bob = await f.userToken('bob@acme.test', ['operator', 'finance'], 'run');
    const carol = await f.userToken('carol@acme.test', ['operator', 'finance'], 'run');
    const alice = await f.userToken('alice@acme.test', ['operator', 'finance'], 'run');
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: SPEND_OSOP })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const runId = (await f.call(bob, 'POST', `/api/sops/${sop.id}/run`)).json.runId;
    const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    assert.equal(task.kind, 'approval');
    for (const [who, token] of [['bob (the requester)', bob], ['carol', carol]] as const) {
      const refused = await f.call(token, 'POST', `/api/tasks/${task.id}/approve`, {});
      assert.equal(refused.status, 403, `${who}: ${JSON.stringify(refused.json)}`);
      assert.equal(refused.json.error.code, 'not_authorised');
      assert.deepEqual(refused.json.error.details.approvers, ['dana@acme.test', 'alice@acme.test']);
    }
    assert.equal((await f.call(bob, 'POST', `/api/tasks/${task.id}/deny`, { reason: 'changed my mind' })).status, 403, 'nor deny it');
    assert.equal((await f.call(f.tokenA, 'GET', `/api/runs/${runId}`)).json.run.status, 'waiting', 'nothing was recorded');
    const approved = await f.call(alice, 'POST', `/api/tasks/${task.id}/approve`, {});
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    assert.equal((await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`), (r) => r.json.run.status === 'completed')).json.run.status, 'completed');
  });
});
