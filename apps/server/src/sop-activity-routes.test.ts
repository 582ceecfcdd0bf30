import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actorOf, completeTask } from '@sopflow/service';
import type { ProcessRecords } from '@sopflow/store';
import { countStoreCalls } from './test-support/count-store-calls.js';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from './test-support/server-fixture.js';

// What the library, the SOP's Runs tab and the run view read: step counts, last and recent runs,
// each step's times and performer — from real runs on SQLite through the engine.
describe('SOP activity and run steps over HTTP', () => {
  let f: Fixture;
  before(async () => { f = await createFixture(); });
  after(async () => { await f.close(); });

  async function published(osop: string): Promise<string> {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop, allowOverlap: true })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    return sop.id;
  }
  const startRun = async (sopId: string): Promise<string> => (await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/run`)).json.runId;
  const reviewTask = async (runId: string) => (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'),
    (r) => r.json.tasks.some((t: any) => t.runId === runId && t.stepId === 'review'))).json.tasks.find((t: any) => t.runId === runId && t.stepId === 'review');
  const finished = (runId: string) => eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`), (r) => r.json.run.status === 'completed');

  it('lists each SOP with its step count and its newest run (null before the first), in the list and the detail', async () => {
    const sopId = await published(CONTRACT_OSOP.replace('id: contract-check', 'id: activity-list'));
    const before = (await f.call(f.tokenA, 'GET', '/api/sops?q=activity-list')).json.sops;
    assert.deepEqual(before.map((s: any) => [s.id, s.stepCount, s.lastRun]), [[sopId, 3, null]]);

    const first = await startRun(sopId);
    await reviewTask(first);
    const second = await startRun(sopId);
    await reviewTask(second);
    const [listed] = (await f.call(f.tokenA, 'GET', '/api/sops?q=activity-list')).json.sops;
    assert.equal(listed.lastRun.id, second, 'the newest run');
    assert.equal(listed.lastRun.status, 'waiting');
    assert.equal(listed.lastRun.endedAt, null);
    assert.ok(!Number.isNaN(Date.parse(listed.lastRun.startedAt)));
    assert.deepEqual(Object.keys(listed.lastRun).sort(), ['endedAt', 'id', 'startedAt', 'status']);

    const detail = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    assert.equal(detail.stepCount, 3);
    assert.deepEqual(detail.lastRun, listed.lastRun);
    assert.deepEqual(detail.runs.map((r: any) => r.id), [second, first], 'newest first');
    assert.deepEqual(Object.keys(detail.runs[0]).sort(), ['endedAt', 'id', 'runId', 'startedAt', 'status', 'trigger']);
    assert.equal(detail.runs[0].trigger, 'manual');
    assert.equal(detail.run.runId, second, 'the run handle stays');
  });

  it("gives each SOP its delegation mix (the current version's steps by delegation_state, as the detail's steps), and a kept library page follows a promotion published here or by another server", async () => {
    const sopId = await published(CONTRACT_OSOP.replace('id: contract-check', 'id: activity-mix'));
    const mix = async () => (await f.call(f.tokenA, 'GET', '/api/sops?q=activity-mix')).json.sops[0].delegation;
    assert.deepEqual(await mix(), { human_only: 1, trialing: 0, agent_supervised: 0, agent_autonomous: 2 });
    const steps = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop.steps;
    const fromSteps = { human_only: 0, trialing: 0, agent_supervised: 0, agent_autonomous: 0 } as Record<string, number>;
    for (const step of steps) fromSteps[step.delegation_state] += 1;
    assert.deepEqual(await mix(), fromSteps, "the same count as the detail's steps");
    assert.deepEqual((await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop.delegation, fromSteps, 'the detail carries it too');

    const records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
    assert.deepEqual(await countStoreCalls(records, mix), {}, 'the page is kept');
    const promote = (call: (path: string, body?: unknown) => Promise<{ status: number; json: any }>) => async (to: 'promote' | 'demote') => {
      const changed = await call(`/api/sops/${sopId}/steps/review/delegation`, { direction: to, reason: `${to} the review`, ...(to === 'demote' ? { override: true } : {}) });
      assert.equal(changed.status, 201, JSON.stringify(changed.json));
      assert.equal((await call(`/api/sops/${sopId}/versions/${changed.json.version.id}/publish`)).status, 200);
    };
    await promote((path, body) => f.call(f.tokenA, 'POST', path, body))('promote');
    assert.deepEqual(await mix(), { human_only: 0, trialing: 1, agent_supervised: 0, agent_autonomous: 2 }, 'changed through this server');

    assert.deepEqual(await countStoreCalls(records, mix), {}, 'kept again');
    const other = await f.secondApp();
    try {
      await promote(async (path, body) => {
        const res = await other.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${f.tokenA}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
        return { status: res.status, json: await res.json() };
      })('demote');
    } finally {
      await other.close();
    }
    assert.deepEqual(await mix(), { human_only: 1, trialing: 0, agent_supervised: 0, agent_autonomous: 2 }, 'changed by another server on the same database');
  });

  it("keeps the 20 most recent runs in the SOP's detail, newest first", async () => {
    const sopId = await published(CONTRACT_OSOP.replace('id: contract-check', 'id: activity-many'));
    const runIds: string[] = [];
    for (let i = 0; i < 21; i++) runIds.push(await startRun(sopId));
    const detail = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    assert.equal(detail.runs.length, 20);
    assert.deepEqual(detail.runs.map((r: any) => r.id), runIds.slice(1).reverse());
    assert.equal(detail.lastRun.id, runIds[20]);
  });

  it("gives each run step its start, end and performer: the executor kind for machine steps, the person who completed a person's task", async () => {
    const sopId = await published(CONTRACT_OSOP.replace('id: contract-check', 'id: activity-steps'));
    const runId = await startRun(sopId);
    const task = await reviewTask(runId);
    const waiting = (await f.call(f.tokenA, 'GET', `/api/runs/${runId}`)).json.run;
    const at = (id: string) => waiting.steps.find((s: any) => s.id === id);
    assert.equal(at('receive').performedBy, 'system');
    assert.ok(at('receive').startedAt <= at('receive').endedAt);
    assert.equal(at('review').performedBy, null, 'no one yet');
    assert.ok(at('review').startedAt >= at('receive').endedAt);
    assert.equal(at('review').endedAt, null);
    assert.deepEqual([at('close').startedAt, at('close').endedAt, at('close').performedBy], [null, null, null]);

    assert.equal((await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, {})).status, 200);
    const done = (await finished(runId)).json.run;
    assert.deepEqual(done.steps.map((s: any) => [s.id, s.state, s.performedBy]),
      [['receive', 'done', 'system'], ['review', 'done', 'owner@acme.test'], ['close', 'done', 'system']]);
    for (const step of done.steps) assert.ok(step.startedAt !== null && step.endedAt !== null && step.startedAt <= step.endedAt, `${step.id} has both times in order`);
    assert.ok(done.steps[1].endedAt <= done.ended_at);
    assert.deepEqual(Object.keys(done.steps[0]).sort(), ['attempts', 'detail', 'endedAt', 'id', 'performedBy', 'startedAt', 'state']);
  });

  it('names both people when an admin entered the decision for someone', async () => {
    await f.userToken('clerk@acme.test', ['operator'], 'run');
    const sopId = await published(CONTRACT_OSOP.replace('id: contract-check', 'id: activity-entered'));
    const runId = await startRun(sopId);
    const task = await reviewTask(runId);
    const owner = await f.ws.store.getUser('owner@acme.test');
    assert.ok(owner !== undefined);
    await completeTask({ ...f.ws, actor: actorOf(owner) }, task.id, { onBehalfOf: 'clerk@acme.test' });
    const run = (await finished(runId)).json.run;
    assert.equal(run.steps.find((s: any) => s.id === 'review').performedBy, 'clerk@acme.test (entered by owner@acme.test)');
    assert.deepEqual(run.entered.map((e: any) => [e.by, e.entered_by]), [['clerk@acme.test', 'owner@acme.test']]);
  });

  it('documents the new fields in the OpenAPI document', async () => {
    const schemas = (await f.call(null, 'GET', '/api/openapi.json')).json.components.schemas;
    assert.ok(schemas.SopSummary.required.includes('stepCount') && schemas.SopSummary.required.includes('lastRun'));
    assert.deepEqual(schemas.SopSummary.properties.lastRun.type, ['object', 'null']);
    assert.ok(schemas.SopSummary.required.includes('delegation'));
    assert.deepEqual(schemas.DelegationMix.required, ['human_only', 'trialing', 'agent_supervised', 'agent_autonomous']);
    assert.deepEqual(schemas.SopStep.properties.delegation_state.enum, schemas.DelegationMix.required, 'one vocabulary');
    const detail = schemas.SopDetail.allOf[1];
    assert.ok(detail.required.includes('runs'));
    assert.deepEqual(detail.properties.run.type, ['object', 'null'], 'the run handle stays nullable');
    assert.deepEqual(detail.properties.runs.items.required.sort(), ['endedAt', 'id', 'runId', 'startedAt', 'status', 'trigger']);
    const step = schemas.Run.properties.steps.items;
    for (const field of ['startedAt', 'endedAt', 'performedBy']) assert.ok(step.required.includes(field), field);
  });
});
