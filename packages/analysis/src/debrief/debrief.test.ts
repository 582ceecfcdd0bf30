import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow } from '../../test-fixtures/workflow-builder.js';
import { anonymise, approveUpdateCandidate, createRunRecord, createStepRecord, debrief, diffWorkflows, mergeInstitutionalMemory, renderDebrief } from '../index.js';
import type { RunRecord } from '../index.js';

const refund = buildWorkflow({
  id: 'refund', version: '1.0.0',
  nodes: [
    { id: 'intake', type: 'human' }, { id: 'triage', type: 'agent' },
    { id: 'approve', type: 'human', humanAuthRequired: true }, { id: 'pay', type: 'api' }, { id: 'notify', type: 'system' },
  ],
  edges: [
    { from: 'intake', to: 'triage' },
    { from: 'triage', to: 'approve', mode: 'conditional', when: 'inputs.amount > 1000' },
    { from: 'triage', to: 'pay', mode: 'conditional', when: 'inputs.amount <= 1000' },
    { from: 'approve', to: 'pay' }, { from: 'pay', to: 'notify' },
  ],
});

let n = 0;
function run(team: string, ids: string[], outcome: string, amount = 300, day = 1): RunRecord {
  n += 1;
  const base = Date.UTC(2026, 2, day, 8, n);
  return createRunRecord({
    runId: `run-${String(n).padStart(2, '0')}`, workflowId: 'refund', team, outcome, inputs: { amount, customer: 'Alice Martin', email: 'alice@example.com' },
    startedAt: new Date(base).toISOString(), actor: 'bob.jones@example.com',
    steps: ids.map((id, i) => createStepRecord({ nodeId: id, startedAt: new Date(base + i * 60_000).toISOString(), endedAt: new Date(base + i * 60_000 + 30_000).toISOString(),
      ...(id === 'approve' ? { approver: 'Carol Smith', decision: 'approved' } : {}), ...(id === 'pay' ? { error: { message: 'retry for Alice Martin <alice@example.com>' }, outputs: { note: 'paid Alice' } } : {}) })),
  });
}
const ok = ['intake', 'triage', 'pay', 'notify'];
const runs = [
  run('south', ok, 'success'), run('south', ok, 'success'), run('south', ok, 'success'), run('south', ok, 'failure'),
  run('north', ['intake', 'triage', 'pay', 'call-customer', 'notify'], 'success'),
  run('north', ['intake', 'triage', 'pay', 'call-customer', 'notify'], 'success'),
  run('north', ['intake', 'triage', 'pay', 'call-customer', 'notify'], 'success'),
  run('north', ok, 'success'),
  run('south', ['intake', 'pay', 'notify'], 'failure'),
  run('south', ['intake', 'triage', 'pay', 'notify'], 'failure', 5000),
  run('south', ['intake', 'triage', 'escalate-to-supervisor', 'pay', 'notify'], 'success', 900, 9),
];

describe('debrief', () => {
  const report = debrief(refund, runs, { by: 'team' });
  const classOf = (pattern: string) => report.deviations.filter((d) => d.pattern === pattern).map((d) => `${d.class}/${d.rule}`);

  it('classifies each deviation with the rule that decided it', () => {
    assert.deepEqual([...new Set(classOf('inserted:call-customer'))], ['ORG_NUANCE/one-team-habit']);
    assert.deepEqual(classOf('skipped:triage'), ['POTENTIAL_ERROR/rare-with-bad-outcome']);
    assert.deepEqual(classOf('wrong-branch:triage->pay'), ['POTENTIAL_ERROR/wrong-branch-is-error']);
    assert.deepEqual(classOf('unauthorised:approve'), ['POTENTIAL_ERROR/unauthorised-is-error']);
    assert.deepEqual(classOf('inserted:escalate-to-supervisor'), ['ESCALATION/escalated-to-person']);
    assert.deepEqual(report.classes, { OUTCOME: 0, ESCALATION: 1, EDGE_CASE: 0, ORG_NUANCE: 3, POTENTIAL_ERROR: 3 });
  });

  it('gives adherence per run and per step', () => {
    assert.equal(report.runs, 11);
    assert.equal(report.adherence.runRate, 5 / 11);
    const triage = report.adherence.perStep.find((s) => s.nodeId === 'triage');
    assert.deepEqual(triage, { nodeId: 'triage', runsWithDeviation: 1, rate: 1 - 1 / 11 });
  });

  it('correlates each pattern with the outcome: counts, rates and Fisher p', () => {
    const c = report.correlations.find((x) => x.pattern === 'inserted:call-customer');
    assert.deepEqual([c?.runsWith, c?.goodWith, c?.runsWithout, c?.goodWithout, c?.direction], [3, 3, 8, 5, 'better']);
    assert.ok(c !== undefined && Math.abs(c.pValue - 0.4909091) < 1e-6, String(c?.pValue));
  });

  it('proposes an update candidate with its evidence; approving it yields a new draft, the original untouched', () => {
    const candidate = report.updateCandidates.find((u) => u.pattern === 'inserted:call-customer');
    assert.ok(candidate);
    assert.deepEqual(candidate.change, { op: 'add-step', nodeId: 'call-customer', after: 'pay', before: 'notify' });
    assert.equal(candidate.status, 'pending');
    assert.deepEqual(candidate.evidence.runIds, ['run-05', 'run-06', 'run-07']);
    assert.ok(!report.updateCandidates.some((u) => u.pattern.startsWith('unauthorised')), 'never proposes dropping an approval');
    const before = JSON.stringify(refund);
    const { workflow: draft, diagnostics } = approveUpdateCandidate(refund, candidate);
    assert.deepEqual(diagnostics, []);
    assert.equal(JSON.stringify(refund), before);
    assert.deepEqual([draft?.version, draft?.lifecycle], ['1.1.0', 'draft']);
    const d = diffWorkflows(refund, draft!);
    assert.deepEqual(d.edges.added.map((e) => `${e.from}>${e.to}`).sort(), ['call-customer>notify', 'pay>call-customer']);
  });

  it('keeps the one-team habit in institutional memory, and merges later debriefs', () => {
    assert.deepEqual(report.memory.entries.map((e) => [e.pattern, e.team, e.runs]), [['inserted:call-customer', 'north', 3]]);
    const merged = mergeInstitutionalMemory(report.memory, 'refund', [{ pattern: 'inserted:call-customer', team: 'north', runs: 2, rule: 'one-team-habit', description: 'x', lastSeen: '2026-04-01T00:00:00Z' }]);
    assert.deepEqual([merged.entries[0].runs, merged.entries[0].debriefs, merged.entries[0].lastSeen], [5, 2, '2026-04-01T00:00:00Z']);
    assert.equal(report.memory.entries[0].runs, 3);
  });

  it('groups by team and filters by window', () => {
    assert.deepEqual(report.groups.map((g) => [g.key, g.runs]), [['north', 4], ['south', 7]]);
    const late = debrief(refund, runs, { since: '2026-03-05T00:00:00Z' });
    assert.equal(late.runs, 1);
    assert.equal(debrief(refund, runs, { until: '2026-03-05T00:00:00Z' }).runs, 10);
  });

  it('renders markdown naming the rule and the p-value', () => {
    const md = renderDebrief(report, 'markdown');
    assert.match(md, /\| run-05 \| inserted \| call-customer \| ORG_NUANCE \| one-team-habit \|/);
    assert.match(md, /uc-\d Add step "call-customer" after "pay"/);
  });
});

describe('anonymise', () => {
  const out = anonymise(runs, { salt: 'export-2026-03' });
  const text = JSON.stringify(out);
  it('leaves no email, name or original run id', () => {
    for (const secret of ['alice', 'Alice', 'Martin', 'bob.jones', 'example.com', 'Carol', 'Smith', 'run-05']) assert.ok(!text.includes(secret), `${secret} survived`);
  });
  it('keeps structure, numbers and categorical words; pseudonyms are stable within an export', () => {
    assert.equal(out[4].steps.length, 5);
    assert.equal(out[0].inputs?.amount, 300);
    assert.equal(out[0].steps[2].error?.message, '[redacted]');
    assert.equal(out[4].team, out[5].team);
    assert.notEqual(out[4].team, out[0].team);
    assert.equal(out[0].inputs?.customer, out[1].inputs?.customer);
    assert.notEqual(anonymise(runs, { salt: 'another-salt' })[0].runId, out[0].runId);
  });
  it('refuses a short salt', () => assert.throws(() => anonymise(runs, { salt: 'x' }), RangeError));
});
