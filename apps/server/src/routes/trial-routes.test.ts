import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from '../test-support/server-fixture.js';

/** The contract process whose review step is trialing an agent beside the person. */
function trialingOsop(id: string): string {
  return CONTRACT_OSOP.replace('id: contract-check', `id: ${id}`).replace('{ id: review, type: human, name: Review }', '{ id: review, type: human, name: Review, delegation_state: trialing }');
}

async function activeSop(f: Fixture, osop: string): Promise<string> {
  const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop, allowOverlap: true })).json.sop;
  const published = await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
  assert.equal(published.status, 200, JSON.stringify(published.json));
  return sop.id;
}

/** Records trials, reads them back and in the delegation evidence, and promotes only once they are enough. */
async function checkTrials(f: Fixture, tag: string): Promise<void> {
  const sopId = await activeSop(f, trialingOsop(`trial-${tag}`));
  const { runId } = (await f.call(f.tokenA, 'POST', `/api/sops/${sopId}/run`)).json;
  const task = (await eventually(() => f.call(f.tokenA, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
  await f.call(f.tokenA, 'POST', `/api/tasks/${task.id}/complete`, { data: {} });
  await eventually(() => f.call(f.tokenA, 'GET', `/api/runs/${runId}`), (r) => r.json.run?.status === 'completed');

  const operator = await f.userToken(`operator-${tag}@acme.test`, ['operator'], 'run');
  const viewer = await f.userToken(`viewer-${tag}@acme.test`, ['viewer'], 'admin');
  const path = `/api/sops/${sopId}/steps/review/trials`;
  const agreed = await f.call(operator, 'POST', path, { agentOutput: { route: 'manual', amount: 120 }, personOutput: { route: 'manual', amount: 120.5 }, runId, note: 'first shift' });
  assert.equal(agreed.status, 201, JSON.stringify(agreed.json));
  const t = agreed.json.trial;
  assert.deepEqual([t.sopId, t.stepId, t.runId, t.agreed, t.recordedBy, t.note], [sopId, 'review', runId, true, `operator-${tag}@acme.test`, 'first shift']);
  assert.deepEqual(t.fields.map((x: any) => [x.field, x.measure, x.agreed]), [['amount', 'number', true], ['route', 'exact', true]], 'compared field by field (0.4 % is inside the 1 % tolerance)');
  const differs = await f.call(operator, 'POST', path, { agentOutput: { route: 'auto', amount: 120 }, personOutput: { route: 'manual', amount: 150 } });
  assert.equal(differs.json.trial.agreed, false);
  assert.deepEqual(differs.json.trial.fields.filter((x: any) => !x.agreed).map((x: any) => x.field), ['amount', 'route']);

  // Refusals: the role, a step not trialing, an unknown step, a run of another SOP, outputs that are not objects; nothing stored.
  assert.equal((await f.call(viewer, 'POST', path, { agentOutput: {}, personOutput: {} })).status, 403);
  const closeStep = await f.call(operator, 'POST', `/api/sops/${sopId}/steps/close/trials`, { agentOutput: {}, personOutput: {} });
  assert.deepEqual([closeStep.status, closeStep.json.error.code, closeStep.json.error.details.state], [409, 'conflict', 'agent_autonomous']);
  assert.equal((await f.call(operator, 'POST', `/api/sops/${sopId}/steps/nope/trials`, { agentOutput: {}, personOutput: {} })).status, 404);
  const otherSop = await activeSop(f, trialingOsop(`other-${tag}`));
  const otherRun = (await f.call(f.tokenA, 'POST', `/api/sops/${otherSop}/run`)).json.runId;
  assert.equal((await f.call(operator, 'POST', path, { agentOutput: {}, personOutput: {}, runId: otherRun })).status, 404);
  assert.equal((await f.call(operator, 'POST', path, { agentOutput: [1], personOutput: {} })).status, 400);

  const listed = await f.call(viewer, 'GET', path);
  assert.equal(listed.status, 200);
  assert.deepEqual([listed.json.trials.map((x: any) => x.agreed), listed.json.agreed], [[true, false], 1], 'oldest first; the refused ones were not stored');
  const evidence = (await f.call(viewer, 'GET', `/api/sops/${sopId}/delegation`)).json.steps.find((s: any) => s.nodeId === 'review');
  const trials = evidence.observations.filter((o: any) => o.kind === 'trial');
  assert.deepEqual(trials.map((o: any) => o.ok), [true, false], 'the delegation evidence counts the recorded trials');

  // Promotion trialing → agent_supervised by the CLI's rule: 34 agreeing trials are not enough (95 % lower bound < 0.90), 35 are.
  const fresh = await activeSop(f, trialingOsop(`promote-${tag}`));
  for (let i = 0; i < 34; i++) {
    const res = await f.call(operator, 'POST', `/api/sops/${fresh}/steps/review/trials`, { agentOutput: { route: 'manual' }, personOutput: { route: 'manual' } });
    assert.equal(res.status, 201);
  }
  const promote = () => f.call(f.tokenA, 'POST', `/api/sops/${fresh}/steps/review/delegation`, { direction: 'promote', reason: 'the agent agreed in every trial' });
  const early = await promote();
  assert.deepEqual([early.status, early.json.error?.code], [409, 'not_enough_evidence'], JSON.stringify(early.json));
  assert.match(early.json.error.message, /1 more agreeing trial/);
  await f.call(operator, 'POST', `/api/sops/${fresh}/steps/review/trials`, { agentOutput: { route: 'manual' }, personOutput: { route: 'manual' } });
  const promoted = await promote();
  assert.equal(promoted.status, 201, JSON.stringify(promoted.json));
  assert.deepEqual([promoted.json.decision.from, promoted.json.decision.to, promoted.json.decision.override], ['trialing', 'agent_supervised', false]);

  assert.equal((await f.call(f.tokenB, 'GET', path)).status, 404, "another tenant's SOP");
}

describe('delegation trials over HTTP (SQLite)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false }); });
  after(async () => { await f.close(); });

  it("records the agent's output beside the person's, lists them, counts them as evidence, and promotes once they are enough", async () => {
    await checkTrials(f, 'sqlite');
  });
});

describe('delegation trials over HTTP (PostgreSQL, a fresh schema dropped after)', () => {
  let f: Fixture;
  before(async () => { f = await createFixture({}, { scheduler: false, postgres: true }); });
  after(async () => { await f.close(); });

  it("records the agent's output beside the person's, lists them, counts them as evidence, and promotes once they are enough", async () => {
    await checkTrials(f, 'postgres');
  });
});
