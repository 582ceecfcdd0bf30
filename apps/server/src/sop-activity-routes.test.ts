import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { actorOf, completeTask } from '@sopflow/service';
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
    const detail = schemas.SopDetail.allOf[1];
    assert.ok(detail.required.includes('runs'));
    assert.deepEqual(detail.properties.run.type, ['object', 'null'], 'the run handle stays nullable');
    assert.deepEqual(detail.properties.runs.items.required.sort(), ['endedAt', 'id', 'runId', 'startedAt', 'status', 'trigger']);
    const step = schemas.Run.properties.steps.items;
    for (const field of ['startedAt', 'endedAt', 'performedBy']) assert.ok(step.required.includes(field), field);
  });
});
