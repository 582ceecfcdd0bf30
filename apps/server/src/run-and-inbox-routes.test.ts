import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

const APPROVAL_OSOP = `osop_version: "1.0"
id: spend-approval
name: Spend approval
nodes:
  - id: request
    type: human
    name: Request the spend
    role: clerk
    form: { type: object, required: [amount], properties: { amount: { type: number } } }
  - id: approve
    type: human
    name: Approve the spend
    role: finance
    approval_gate: { required: true, approver_role: finance }
  - { id: pay, type: system, name: Pay, runtime: { action: noop } }
edges:
  - { from: request, to: approve, mode: sequential }
  - { from: approve, to: pay, mode: sequential }
`;

describe('runs and the task inbox over HTTP', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  async function started(osop: string, overlap = true): Promise<{ sopId: string; runId: string }> {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop, allowOverlap: overlap })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const run = (await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/run`)).json;
    return { sopId: sop.id, runId: run.runId };
  }
  const openTask = async (runId: string, stepId: string) => (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'),
    (r) => r.json.tasks.some((t: any) => t.runId === runId && t.stepId === stepId))).json.tasks.find((t: any) => t.runId === runId && t.stepId === stepId);

  it('lists runs newest first with status and SOP filters and a cursor, cancels one, and serves its events, .osoplog and verified audit chain', async () => {
    const a = await started(CONTRACT_OSOP);
    const b = await started(CONTRACT_OSOP.replace('id: contract-check', 'id: contract-b'));
    await openTask(b.runId, 'review');
    const first = await f.call(f.tokenA, 'GET', '/api/runs?limit=1');
    assert.equal(first.json.runs[0].runId, b.runId);
    assert.ok(first.json.nextCursor !== null);
    const second = await f.call(f.tokenA, 'GET', `/api/runs?limit=1&cursor=${first.json.nextCursor}`);
    assert.equal(second.json.runs[0].runId, a.runId);
    assert.deepEqual((await f.call(f.tokenA, 'GET', `/api/runs?sopId=${a.sopId}`)).json.runs.map((r: any) => r.runId), [a.runId]);
    assert.equal((await f.call(f.tokenA, 'GET', '/api/runs?cursor=nonsense')).status, 400);

    const cancelled = await f.call(f.tokenA, 'POST', `/api/runs/${a.runId}/cancel`, { reason: 'wrong supplier' });
    assert.equal(cancelled.status, 200);
    assert.equal(cancelled.json.run.status, 'cancelled');
    assert.equal((await f.call(f.tokenA, 'POST', `/api/runs/${a.runId}/cancel`)).status, 409, 'a finished run is not cancelled twice');
    assert.deepEqual((await f.call(f.tokenA, 'GET', '/api/runs?status=cancelled')).json.runs.map((r: any) => r.runId), [a.runId]);
    const history = await f.call(f.tokenA, 'GET', `/api/runs/${a.runId}/history`);
    assert.equal(history.json.finished, true);
    assert.equal(history.json.events.at(-1).type, 'RunCancelled');
    const log = await f.call(f.tokenA, 'GET', `/api/runs/${a.runId}/osoplog`);
    assert.match(log.headers.get('content-disposition') ?? '', /attachment; filename="r-[0-9a-f]+\.osoplog"/);
    assert.match(String(log.json), /^status: CANCELLED$/m);
    const audit = await f.call(f.tokenA, 'GET', `/api/runs/${a.runId}/audit`);
    assert.equal(audit.status, 200);
    assert.equal(audit.json.audit.ok, true);
    assert.equal(audit.json.audit.runsChecked, 1);
    assert.equal(audit.json.audit.eventsChecked, history.json.events.length, 'every event of the run is rehashed');
    assert.deepEqual(audit.json.audit.breaks, []);
    assert.equal((await f.call(f.tokenB, 'GET', `/api/runs/${a.runId}/audit`)).status, 404, "another tenant's run is not found");
    const viewer = await f.userToken('viewer-r@acme.test', ['viewer'], 'read');
    assert.equal((await f.call(viewer, 'POST', `/api/runs/${b.runId}/cancel`)).status, 403);
  });

  it('shows each role its inbox, lets one person claim a task (409 for the next), validates the form, and approves or denies with a reason', async () => {
    const clerk = await f.userToken('clerk@acme.test', ['operator', 'clerk'], 'run');
    const other = await f.userToken('clerk2@acme.test', ['operator', 'clerk'], 'run');
    const finance = await f.userToken('fin@acme.test', ['operator', 'finance'], 'run');
    const one = await started(APPROVAL_OSOP);
    const task = await openTask(one.runId, 'request');
    assert.ok((await f.call(clerk, 'GET', '/api/tasks?for=me')).json.tasks.some((t: any) => t.id === task.id));
    assert.ok(!(await f.call(finance, 'GET', '/api/tasks?for=me')).json.tasks.some((t: any) => t.id === task.id), 'not in the inbox of another role');
    assert.ok((await f.call(finance, 'GET', '/api/tasks?role=clerk')).json.tasks.some((t: any) => t.id === task.id));

    assert.equal((await f.call(finance, 'POST', `/api/tasks/${task.id}/claim`)).status, 403, 'claiming needs the step role');
    const claimed = await f.call(clerk, 'POST', `/api/tasks/${task.id}/claim`);
    assert.equal(claimed.json.task.claimedBy, 'clerk@acme.test');
    const taken = await f.call(other, 'POST', `/api/tasks/${task.id}/claim`);
    assert.equal(taken.status, 409);
    assert.equal(taken.json.error.details.claimedBy, 'clerk@acme.test');
    assert.ok(!(await f.call(other, 'GET', '/api/tasks?for=me')).json.tasks.some((t: any) => t.id === task.id), 'claimed by someone else: out of their inbox');

    const badForm = await f.call(clerk, 'POST', `/api/tasks/${task.id}/complete`, { data: { amount: 'lots' } });
    assert.equal(badForm.status, 422);
    assert.equal(badForm.json.error.code, 'invalid_form');
    assert.equal((await f.call(clerk, 'POST', `/api/tasks/${task.id}/complete`, { data: { amount: 120 } })).status, 200);

    const approval = await openTask(one.runId, 'approve');
    assert.equal((await f.call(clerk, 'POST', `/api/tasks/${approval.id}/approve`)).status, 403, 'the step role is checked');
    assert.equal((await f.call(finance, 'POST', `/api/tasks/${approval.id}/deny`, {})).status, 400, 'a denial needs a reason');
    const approved = await f.call(finance, 'POST', `/api/tasks/${approval.id}/approve`, { reason: 'within budget' });
    assert.equal(approved.status, 200, JSON.stringify(approved.json));
    assert.equal(approved.json.task.status, 'completed');

    const two = await started(APPROVAL_OSOP);
    await f.call(clerk, 'POST', `/api/tasks/${(await openTask(two.runId, 'request')).id}/complete`, { data: { amount: 9000 } });
    const second = await openTask(two.runId, 'approve');
    const denied = await f.call(finance, 'POST', `/api/tasks/${second.id}/deny`, { reason: 'over budget' });
    assert.equal(denied.status, 200, JSON.stringify(denied.json));
    assert.equal(denied.json.task.reason, 'over budget');
  });
});
