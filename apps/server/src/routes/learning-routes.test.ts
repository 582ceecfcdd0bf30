import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from '../test-support/server-fixture.js';

describe('learning over HTTP: debrief, delegation readiness and the opportunity portfolio', () => {
  let f: Fixture;
  let sopId: string;
  let viewer: string;
  const runIds: string[] = [];

  const finished = async (runId: string) => (await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`),
    (r) => ['completed', 'failed', 'cancelled'].includes(r.json.run?.status))).json.run.status as string;

  before(async () => {
    f = await createFixture();
    viewer = await f.userToken('viewer@acme.test', ['viewer'], 'read');
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
    sopId = sop.id;
    await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/publish`);
    // Three runs through the real engine: two completed by a person at the review step, one cancelled there.
    for (let i = 0; i < 3; i++) {
      const { runId } = (await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/run`)).json;
      runIds.push(runId);
      const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId)))
        .json.tasks.find((t: any) => t.runId === runId);
      if (i < 2) assert.equal((await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} })).status, 200);
      else assert.equal((await f.call(f.tokenA, 'POST', `/api/runs/${runId}/cancel`, { reason: 'duplicate request' })).status, 200);
      assert.equal(await finished(runId), i < 2 ? 'completed' : 'cancelled');
    }
    // An unfinished run of the same SOP is not read.
    await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/run`);
  });
  after(async () => { await f.close(); });

  it("debriefs the SOP's finished runs (a viewer may read): adherence, the cancellation as an outcome, the version read", async () => {
    const res = await f.call(viewer, 'GET', `/api/sops/${sopId}/debrief`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    const { sop, runsRead, report, period } = res.json;
    assert.equal(sop.id, sopId);
    assert.equal(sop.workflowId, 'contract-check');
    assert.equal(runsRead, 3);
    assert.equal(report.runs, 3);
    assert.deepEqual(period, { from: null, to: null });
    assert.deepEqual(report.outcomes.cancelled, [runIds[2]]);
    assert.deepEqual(report.adherence.perRun.map((r: any) => r.runId).sort(), [...runIds].sort());
    assert.equal(report.adherence.runRate, 1, 'the completed runs follow the process and the cancelled one ends by an outcome');
    assert.ok(Array.isArray(report.updateCandidates));
    assert.ok(Array.isArray(report.correlations));
  });

  it('applies the period: a window before the runs holds none; a bad time is 400 naming the field', async () => {
    const empty = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief?from=2020-01-01&to=2020-02-01`);
    assert.equal(empty.status, 200);
    assert.equal(empty.json.report.runs, 0);
    assert.equal(empty.json.runsRead, 3);
    assert.deepEqual(empty.json.period, { from: '2020-01-01T00:00:00.000Z', to: '2020-02-01T00:00:00.000Z' });
    const now = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief?from=2020-01-01`);
    assert.equal(now.json.report.runs, 3);
    const bad = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief?from=yesterday`);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'invalid_request');
    assert.equal(bad.json.error.details.field, 'from');
    const reversed = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief?from=2026-02-01&to=2026-01-01`);
    assert.equal(reversed.status, 400);
  });

  it('gives per step delegation evidence: the machine steps automated, the review step on the ladder with its executions', async () => {
    const res = await f.call(viewer, 'GET', `/api/sops/${sopId}/delegation`);
    assert.equal(res.status, 200, JSON.stringify(res.json));
    assert.equal(res.json.runs, 3);
    const byNode = Object.fromEntries(res.json.steps.map((s: any) => [s.nodeId, s]));
    assert.deepEqual(Object.keys(byNode), ['receive', 'review', 'close']);
    assert.equal(byNode.receive.scope, 'automated');
    assert.notEqual(byNode.review.scope, 'automated');
    assert.equal(byNode.review.executions, 3, 'the three finished runs reached the review; the run still in flight is not read');
    assert.ok(byNode.review.summary.length > 0);
  });

  it("ranks the tenant's opportunities with every default in assumptions, the same on every ask, and lists SOPs without runs", async () => {
    const idle = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    const first = await f.call(viewer, 'GET', '/api/opportunities');
    assert.equal(first.status, 200, JSON.stringify(first.json));
    const review = first.json.items.find((i: any) => i.sopId === sopId && i.nodeId === 'review');
    assert.ok(review !== undefined, JSON.stringify(first.json));
    assert.equal(review.id, `${sopId}#review`);
    assert.equal(review.rank, 1);
    assert.equal(review.assumptions.costPerHour.source, 'default');
    assert.equal(review.assumptions.costPerHour.value, 50);
    assert.ok(first.json.withoutRuns.includes(idle.id));
    assert.ok(first.json.excluded.some((e: any) => e.sopId === sopId && e.nodeId === 'receive'));
    const second = await f.call(f.tokenA, 'GET', '/api/opportunities');
    assert.deepEqual(second.json, first.json, 'asking again gives the same opportunities, never a second one');
  });

  it("keeps tenants apart: another tenant's SOP is 404 and its portfolio holds none of ours; no token is 401", async () => {
    for (const path of [`/api/sops/${sopId}/debrief`, `/api/sops/${sopId}/delegation`]) {
      const res = await f.call(f.tokenB, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(res.json.error.code, 'not_found');
      assert.equal((await f.call(null, 'GET', path)).status, 401);
    }
    const theirs = await f.call(f.tokenB, 'GET', '/api/opportunities');
    assert.equal(theirs.status, 200);
    assert.deepEqual(theirs.json.items, []);
    // The other tenant runs the same process (same workflow id): each side reads only its own runs.
    const other = (await f.call(f.tokenB, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    await f.call(f.tokenB, 'POST', `/api/sops/${other.id}/publish`);
    const { runId } = (await f.call(f.tokenB, 'POST', `/api/sops/${other.id}/run`)).json;
    const task = (await eventually(() => f.call(f.tokenB, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    assert.equal((await f.call(f.tokenB, 'POST', `/api/tasks/${task.id}/complete`, { data: {} })).status, 200);
    await eventually(() => f.call(f.tokenB, 'GET', `/api/runs/${runId}`), (r) => r.json.run?.status === 'completed');
    const theirDebrief = await f.call(f.tokenB, 'GET', `/api/sops/${other.id}/debrief`);
    assert.equal(theirDebrief.json.runsRead, 1);
    assert.deepEqual(theirDebrief.json.report.adherence.perRun.map((r: any) => r.runId), [runId]);
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.runsRead, 3);
    assert.deepEqual((await f.call(f.tokenB, 'GET', '/api/opportunities')).json.items.map((i: any) => i.id), [`${other.id}#review`]);
    assert.equal((await f.call(null, 'GET', '/api/opportunities')).status, 401);
  });

  it('documents the three routes in the OpenAPI document with their schemas', async () => {
    const doc = (await f.call(null, 'GET', '/api/openapi.json')).json;
    for (const p of ['/api/sops/{id}/debrief', '/api/sops/{id}/delegation', '/api/opportunities']) assert.deepEqual(doc.paths[p]?.get?.tags, ['learning'], p);
    assert.deepEqual(doc.paths['/api/sops/{id}/debrief'].get.parameters.filter((q: any) => q.in === 'query').map((q: any) => q.name), ['from', 'to']);
    for (const name of ['SopDebrief', 'SopDelegation', 'TenantPortfolio']) assert.ok(doc.components.schemas[name], name);
  });

  it('answers an SOP without finished runs with 404 empty', async () => {
    const draft = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP })).json.sop;
    const res = await f.call(f.tokenA, 'GET', `/api/sops/${draft.id}/debrief`);
    assert.equal(res.status, 404);
    assert.equal(res.json.error.code, 'empty');
  });
});
