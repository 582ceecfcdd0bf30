import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ProcessRecords } from '@sopflow/store';
import { countStoreCalls } from '../test-support/count-store-calls.js';
import { CONTRACT_OSOP, createFixture, eventually, type Fixture } from '../test-support/server-fixture.js';

/** The contract process with an automated "verify" step between receive and review: what the runs did before the SOP dropped it. */
const WITH_VERIFY = CONTRACT_OSOP
  .replace('  - { id: review, type: human, name: Review }', '  - { id: verify, type: system, name: Verify, runtime: { action: noop } }\n  - { id: review, type: human, name: Review }')
  .replace('  - { from: receive, to: review, mode: sequential }', '  - { from: receive, to: verify, mode: sequential }\n  - { from: verify, to: review, mode: sequential }');

/** Runs the SOP to completion `n` times (the review task completed by the owner). */
async function completeRuns(f: Fixture, token: string, sopId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const { runId } = (await f.call(token, 'POST', `/api/sops/${sopId}/run`)).json;
    const task = (await eventually(() => f.call(token, 'GET', '/api/tasks'), (r) => r.json.tasks.some((t: any) => t.runId === runId))).json.tasks.find((t: any) => t.runId === runId);
    assert.equal((await f.call(token, 'POST', `/api/tasks/${task.id}/complete`, { data: {} })).status, 200);
    assert.equal((await eventually(() => f.call(token, 'GET', `/api/runs/${runId}`), (r) => r.json.run?.status === 'completed')).json.run.status, 'completed');
  }
}

/** An active SOP whose three runs went receive → verify → review → close while its published version since has no verify step. */
async function sopThatLagsPractice(f: Fixture, token: string): Promise<string> {
  const sop = (await f.call(token, 'POST', '/api/sops', { osop: WITH_VERIFY, allowOverlap: true })).json.sop;
  assert.equal((await f.call(token, 'POST', `/api/sops/${sop.id}/publish`)).status, 200);
  await completeRuns(f, token, sop.id, 3);
  const draft = (await f.call(token, 'POST', `/api/sops/${sop.id}/versions`)).json.version;
  assert.equal((await f.call(token, 'PUT', `/api/sops/${sop.id}/versions/${draft.id}`, { osop: CONTRACT_OSOP.replace('name: Contract check', 'name: Contract check\nversion: 1.1.0') })).status, 200);
  assert.equal((await f.call(token, 'POST', `/api/sops/${sop.id}/versions/${draft.id}/publish`)).status, 200);
  return sop.id;
}

describe('learning actions over HTTP: update candidates, step delegation, opportunity assumptions', () => {
  let f: Fixture;
  let editor: string;
  let operator: string;
  before(async () => {
    f = await createFixture();
    editor = await f.userToken('editor@acme.test', ['editor'], 'admin');
    operator = await f.userToken('operator@acme.test', ['operator'], 'run');
  });
  after(async () => { await f.close(); });

  it('gives each update candidate a stable id and status; approving makes a NEW DRAFT with the change, the published version untouched', async () => {
    const sopId = await sopThatLagsPractice(f, f.tokenA);
    const debrief = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`);
    assert.equal(debrief.status, 200, JSON.stringify(debrief.json));
    const candidate = debrief.json.report.updateCandidates.find((c: any) => c.change.op === 'add-step' && c.change.nodeId === 'verify');
    assert.ok(candidate !== undefined, JSON.stringify(debrief.json.report.updateCandidates));
    assert.match(candidate.id, /^uc_[0-9a-f]{16}$/);
    assert.equal(candidate.status, 'pending');
    assert.equal(candidate.decision, null);
    assert.equal(candidate.versionId, debrief.json.sop.versionId);
    const again = await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief?from=2020-01-01`);
    assert.ok(again.json.report.updateCandidates.some((c: any) => c.id === candidate.id), 'the same candidate has the same id on every debrief of that version');

    assert.equal((await f.call(operator, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/approve`)).status, 403);
    const published = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    const approved = await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/approve`);
    assert.equal(approved.status, 201, JSON.stringify(approved.json));
    const { version } = approved.json;
    assert.deepEqual([version.state, version.semver, version.createdBy, version.current], ['draft', '1.2.0', 'editor@acme.test', false]);
    const text = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/versions/${version.id}?format=json`)).json;
    assert.deepEqual(text.workflow.nodes.map((n: any) => n.id), ['receive', 'verify', 'review', 'close'], 'the new step right after its predecessor');
    assert.ok(text.workflow.edges.some((e: any) => e.from === 'verify'), 'the added step is wired into the flow');
    const now = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}`)).json.sop;
    assert.deepEqual([now.version.id, now.steps.length], [published.version.id, 3], 'the published version is untouched until someone publishes the draft');

    const listed = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.report.updateCandidates.find((c: any) => c.id === candidate.id);
    assert.deepEqual([listed.status, listed.decision.by, listed.decision.draftVersionId], ['approved', 'editor@acme.test', version.id]);
    const twice = await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/approve`);
    assert.equal(twice.status, 409);
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/uc_0000000000000000/approve`)).status, 404);
    const audit = (await f.call(f.tokenA, 'GET', '/api/admin/audit')).json;
    assert.ok(JSON.stringify(audit).includes('sop.candidate.approve'), 'the admin audit log records the approval');
  });

  it('rejects a candidate only with a reason, records who and when, and never proposes it again for that version', async () => {
    const sopId = await sopThatLagsPractice(f, f.tokenA);
    const candidate = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.report.updateCandidates[0];
    const noReason = await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/reject`, { reason: '  ' });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.json.error.details.field, 'reason');
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/reject`, {})).json.error.details.field, 'reason');
    assert.equal((await f.call(operator, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/reject`, { reason: 'no' })).status, 403);
    const rejected = await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/reject`, { reason: 'verify moved into the receive system' });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.json));
    assert.equal(rejected.json.candidate.id, candidate.id);
    assert.equal(rejected.json.candidate.status, 'rejected');
    assert.equal(rejected.json.candidate.decision.by, 'editor@acme.test');
    assert.equal(rejected.json.candidate.decision.reason, 'verify moved into the receive system');
    assert.ok(!Number.isNaN(Date.parse(rejected.json.candidate.decision.at)));
    const later = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.report.updateCandidates.find((c: any) => c.id === candidate.id);
    assert.deepEqual([later.status, later.decision.reason], ['rejected', 'verify moved into the receive system']);
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/approve`)).status, 409, 'a rejected candidate is not approved later');
    assert.equal((await f.call(editor, 'GET', `/api/sops/${sopId}/versions`)).json.versions.filter((v: any) => v.state === 'draft').length, 0, 'a rejection makes no draft');
  });

  it('keeps the first decision when two people decide on one candidate at once: the other is 409, and the state agrees with the winner', async () => {
    const sopId = await sopThatLagsPractice(f, f.tokenA);
    const candidate = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.report.updateCandidates[0];
    const [rejected, approved] = await Promise.all([
      f.call(editor, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/reject`, { reason: 'covered by the receive system' }),
      f.call(f.tokenA, 'POST', `/api/sops/${sopId}/update-candidates/${candidate.id}/approve`),
    ]);
    const statuses = [rejected.status, approved.status];
    assert.ok(statuses.filter((s) => s === 409).length === 1 && (statuses.includes(200) || statuses.includes(201)), `one decision stands, the other is refused: ${statuses}`);
    const listed = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/debrief`)).json.report.updateCandidates.find((c: any) => c.id === candidate.id);
    const drafts = (await f.call(f.tokenA, 'GET', `/api/sops/${sopId}/versions`)).json.versions.filter((v: any) => v.state === 'draft');
    if (approved.status === 201) assert.deepEqual([listed.status, listed.decision.draftVersionId, drafts.length], ['approved', approved.json.version.id, 1]);
    else assert.deepEqual([listed.status, listed.decision.reason, drafts.length], ['rejected', 'covered by the receive system', 0]);
  });

  it('promotes a step as a new draft version checked by the ladder; short evidence is 409 not_enough_evidence unless an owner overrides', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    const path = `/api/sops/${sop.id}/steps/review/delegation`;
    assert.equal((await f.call(operator, 'POST', path, { direction: 'promote', reason: 'try an agent' })).status, 403);
    assert.equal((await f.call(editor, 'POST', path, { direction: 'promote' })).status, 400, 'a reason is required');
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sop.id}/steps/nope/delegation`, { direction: 'promote', reason: 'x' })).status, 404);
    const promoted = await f.call(editor, 'POST', path, { direction: 'promote', reason: 'try an agent beside the reviewer' });
    assert.equal(promoted.status, 201, JSON.stringify(promoted.json));
    const { version, decision } = promoted.json;
    assert.deepEqual([decision.from, decision.to, decision.by, decision.override, decision.versionId, version.state], ['human_only', 'trialing', 'editor@acme.test', false, version.id, 'draft']);
    assert.equal((await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.steps[1].delegation_state, 'human_only', 'the published version keeps its state');
    assert.equal((await f.call(editor, 'POST', `/api/sops/${sop.id}/versions/${version.id}/publish`)).status, 200);
    const step = (await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}`)).json.sop.steps[1];
    assert.deepEqual([step.id, step.delegation_state], ['review', 'trialing']);

    const short = await f.call(editor, 'POST', path, { direction: 'promote', reason: 'it looks fine' });
    assert.equal(short.status, 409, JSON.stringify(short.json));
    assert.equal(short.json.error.code, 'not_enough_evidence');
    assert.match(short.json.error.message, /30 needed/);
    assert.ok(short.json.error.details.missing.length > 0);
    const notAdmin = await f.call(editor, 'POST', path, { direction: 'promote', reason: 'pilot', override: true });
    assert.equal(notAdmin.status, 403, 'an editor may not override the evidence');
    const overridden = await f.call(f.tokenA, 'POST', path, { direction: 'promote', reason: 'pilot agreed with the works council', override: true });
    assert.equal(overridden.status, 201, JSON.stringify(overridden.json));
    assert.deepEqual([overridden.json.decision.from, overridden.json.decision.to, overridden.json.decision.override], ['trialing', 'agent_supervised', true]);
    assert.equal((await f.call(f.tokenA, 'POST', path, { direction: 'demote', reason: 'x' })).status, 409, 'one draft at a time');
    const audit = JSON.stringify((await f.call(f.tokenA, 'GET', '/api/admin/audit')).json);
    assert.match(audit, /sop\.delegation/);
    assert.match(audit, /pilot agreed with the works council/);
  });

  it('edits an opportunity\'s assumptions: recomputed, stored for the tenant with who and when, validated by field', async () => {
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    await completeRuns(f, f.tokenA, sop.id, 2);
    const id = `${sop.id}#review`;
    const path = `/api/opportunities/${encodeURIComponent(id)}`;
    const before = (await f.call(f.tokenA, 'GET', '/api/opportunities')).json.items.find((i: any) => i.id === id);
    assert.deepEqual([before.assumptions.costPerHour.source, before.edited], ['default', null]);

    const unknown = await f.call(editor, 'PATCH', path, { assumptions: { stepHours: 2 } });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.json.error.details.field, 'assumptions.stepHours');
    const bad = await f.call(editor, 'PATCH', path, { assumptions: { costPerHour: 80, timeSavedShare: 1.5 } });
    assert.equal(bad.status, 422);
    assert.equal(bad.json.error.details.field, 'assumptions.timeSavedShare');
    assert.equal((await f.call(editor, 'PATCH', path, { assumptions: { currency: 'euro' } })).json.error.details.field, 'assumptions.currency');
    assert.equal((await f.call(operator, 'PATCH', path, { assumptions: { costPerHour: 80 } })).status, 403);
    assert.equal((await f.call(editor, 'PATCH', `/api/opportunities/${encodeURIComponent(`${sop.id}#receive`)}`, { assumptions: { costPerHour: 80 } })).status, 404, 'an automated step is no opportunity');
    assert.equal((await f.call(f.tokenA, 'GET', '/api/opportunities')).json.items.find((i: any) => i.id === id).edited, null, 'a refused edit stores nothing');

    const edited = await f.call(editor, 'PATCH', path, { assumptions: { costPerHour: 80, frequencyPerMonth: '120', currency: 'EUR' } });
    assert.equal(edited.status, 200, JSON.stringify(edited.json));
    const o = edited.json.opportunity;
    assert.deepEqual([o.id, o.assumptions.costPerHour.value, o.assumptions.costPerHour.source, o.assumptions.frequencyPerMonth.value, o.assumptions.costPerHour.unit], [id, 80, 'given', 120, 'EUR/hour']);
    assert.equal(o.edited.by, 'editor@acme.test');
    assert.equal(typeof o.monthlyValue, 'number', 'a given frequency gives a value even with a short history');
    const second = await f.call(editor, 'PATCH', path, { assumptions: { timeSavedShare: 0.5 } });
    assert.deepEqual([second.json.opportunity.assumptions.costPerHour.value, second.json.opportunity.assumptions.timeSavedShare.value], [80, 0.5], 'edits merge');

    const listed = (await f.call(f.tokenA, 'GET', '/api/opportunities')).json.items.find((i: any) => i.id === id);
    assert.deepEqual(listed.assumptions, second.json.opportunity.assumptions);
    const delegation = (await f.call(f.tokenA, 'GET', `/api/sops/${sop.id}/delegation`)).json.portfolio.items.find((i: any) => i.nodeId === 'review');
    assert.deepEqual([delegation.id, delegation.assumptions.costPerHour.value, delegation.edited.by], [id, 80, 'editor@acme.test']);
    assert.equal((await f.call(f.tokenB, 'PATCH', path, { assumptions: { costPerHour: 1 } })).status, 404, "another tenant's opportunity is not found");
  });

  it('serves the opportunities from the cache (no run read) until a run event or an edit changes them', async () => {
    const records = (f.ws.store as unknown as { processRecords: ProcessRecords }).processRecords;
    const sop = (await f.call(f.tokenB, 'POST', '/api/sops', { osop: CONTRACT_OSOP, allowOverlap: true })).json.sop;
    await f.call(f.tokenB, 'POST', `/api/sops/${sop.id}/publish`);
    await completeRuns(f, f.tokenB, sop.id, 1);
    let first: any;
    let second: any;
    const cold = await countStoreCalls(records, async () => { first = (await f.call(f.tokenB, 'GET', '/api/opportunities')).json; });
    const warm = await countStoreCalls(records, async () => { second = (await f.call(f.tokenB, 'GET', '/api/opportunities')).json; });
    assert.deepEqual(second, first);
    assert.ok((cold['runs.list'] ?? 0) > 0, 'the first ask reads the runs');
    assert.equal(warm['runs.list'], undefined, 'asking again reads no run');
    await completeRuns(f, f.tokenB, sop.id, 1);
    const after = (await f.call(f.tokenB, 'GET', '/api/opportunities')).json;
    assert.equal(after.items[0].history.runs, first.items[0].history.runs + 1, 'a finished run is seen at once');
    await f.call(f.tokenB, 'PATCH', `/api/opportunities/${encodeURIComponent(after.items[0].id)}`, { assumptions: { costPerHour: 99 } });
    assert.equal((await f.call(f.tokenB, 'GET', '/api/opportunities')).json.items[0].assumptions.costPerHour.value, 99, 'an edit is seen at once');
  });

  it('documents the new routes in the OpenAPI document', async () => {
    const doc = (await f.call(null, 'GET', '/api/openapi.json')).json;
    assert.ok(doc.paths['/api/sops/{id}/update-candidates/{candidateId}/approve'].post.responses['201']);
    assert.ok(doc.paths['/api/sops/{id}/update-candidates/{candidateId}/reject'].post.responses['200']);
    assert.ok(doc.paths['/api/sops/{id}/steps/{stepId}/delegation'].post.responses['201']);
    assert.ok(doc.paths['/api/opportunities/{id}'].patch.responses['200']);
    for (const name of ['UpdateCandidate', 'DelegationDecision']) assert.ok(doc.components.schemas[name], name);
  });
});
