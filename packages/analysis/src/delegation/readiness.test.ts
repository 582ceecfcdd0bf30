import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { assessReadiness, createRunRecord, createStepRecord, estimateOpportunity, rankPortfolio } from '../index.js';

const workflow = buildWorkflow({
  nodes: [
    { id: 'classify', type: 'human', riskLevel: 'low' },
    { id: 'approve', type: 'human', humanAuthRequired: true, riskLevel: 'low' },
    { id: 'dispense', type: 'human', riskLevel: 'critical' },
  ],
  edges: chain('classify', 'approve', 'dispense'),
});
const runs = Array.from({ length: 30 }, (_, i) => createRunRecord({
  runId: `r${i}`, startedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(),
  steps: [
    createStepRecord({ nodeId: 'classify', inputs: { kind: i % 2 === 0 ? 'invoice' : 'receipt' }, decision: i % 2 === 0 ? 'finance' : 'expenses', durationMs: 6 * 60_000 }),
    createStepRecord({ nodeId: 'approve', inputs: { kind: 'any' }, decision: i % 3 === 0 ? 'rejected' : 'approved', durationMs: 60_000 }),
    createStepRecord({ nodeId: 'dispense', durationMs: 60_000, status: i < 3 ? 'FAILED' : 'COMPLETED' }),
  ],
}));

describe('assessReadiness', () => {
  const result = assessReadiness(workflow, runs, { trials: Array.from({ length: 20 }, () => ({ nodeId: 'classify', agreed: true })) });
  const of = (id: string) => result.find((r) => r.nodeId === id)!;

  it('scores a consistent, low-risk, reliable step high and explains each factor', () => {
    const c = of('classify');
    assert.ok(c.score >= 90, String(c.score));
    assert.equal(c.suggestedState, 'agent_autonomous');
    assert.match(c.factors.find((f) => f.factor === 'decision-consistency')!.reason, /30\/30 decisions matched/);
    assert.match(c.factors.find((f) => f.factor === 'trial-agreement')!.reason, /20\/20 trials/);
  });

  it('caps an approval step at 40 and measures inconsistent decisions', () => {
    const a = of('approve');
    assert.ok(a.score <= 40);
    assert.deepEqual(a.caps, ['approval step: a person must authorise it (capped at 40)']);
    assert.equal(a.factors.find((f) => f.factor === 'decision-consistency')!.score, 20 / 30);
    assert.equal(a.suggestedState, 'human_only');
  });

  it('caps a critical-risk step at 30 and counts failures', () => {
    const d = of('dispense');
    assert.ok(d.score <= 30);
    assert.match(d.factors.find((f) => f.factor === 'reliability')!.reason, /3\/30 executions failed/);
  });
});

describe('opportunity expected value', () => {
  const readiness = assessReadiness(workflow, runs);
  it('computes frequency × hours saved × cost per hour × automation share − running cost, writing every assumption', () => {
    const o = estimateOpportunity('classify', runs, readiness[0], { costPerHour: 60, automationShare: 0.5, runningCostPerExecution: 0.1 });
    const f = o.assumptions.frequencyPerMonth.value;
    assert.equal(o.assumptions.frequencyPerMonth.source, 'measured');
    assert.ok(Math.abs(f - (30 / 29) * 30.44) < 1e-9);
    assert.deepEqual([o.assumptions.stepHours.value, o.assumptions.timeSavedShare.source, o.assumptions.costPerHour.source], [0.1, 'default', 'given']);
    const expected = f * 0.1 * 0.8 * 60 * 0.5 - f * 0.5 * 0.1;
    assert.equal(o.monthlyValue, Math.round(expected * 100) / 100);
  });
  it('gives a step kept human_only no automation share by default', () => {
    const o = estimateOpportunity('approve', runs, readiness[1]);
    assert.deepEqual([o.assumptions.automationShare.value, o.monthlyValue], [0, 0]);
  });
  it('ranks the portfolio by value with a running total', () => {
    const p = rankPortfolio(runs, readiness);
    assert.equal(p.items[0].nodeId, 'classify');
    assert.deepEqual(p.items.map((i) => i.rank), [1, 2, 3]);
    assert.equal(p.totalValue, p.items[p.items.length - 1].cumulativeValue);
  });
});

describe('output determinism when inputs are missing or outputs are numbers', () => {
  const scoring = buildWorkflow({ nodes: [{ id: 'fraud-check', riskLevel: 'low' }, { id: 'grade', riskLevel: 'low' }, { id: 'sort', type: 'human', riskLevel: 'low' }], edges: chain('fraud-check', 'grade', 'sort') });
  const scoreRuns = (withInputs: boolean) => Array.from({ length: 14 }, (_, i) => createRunRecord({
    runId: `s${i}`,
    steps: [
      // A continuous score per case: with no inputs recorded, each run answers a different, unknown case.
      createStepRecord({ nodeId: 'fraud-check', outputs: { score: 0.05 + i * 0.06 }, ...(withInputs ? { inputs: { account: `a${i % 7}` } } : {}) }),
      // Same inputs give nearly the same grade (±1 %) for even accounts, far apart for odd ones.
      createStepRecord({ nodeId: 'grade', inputs: { account: `a${i % 2}` }, outputs: { grade: i % 2 === 0 ? 80 + (i % 4 === 0 ? 0.8 : -0.8) : (i % 4 === 1 ? 10 : 90) } }),
      createStepRecord({ nodeId: 'sort', decision: i % 3 === 0 ? 'left' : 'right' }),
    ],
  }));
  const factor = (runs: ReturnType<typeof scoreRuns>, id: string, name: string) =>
    assessReadiness(scoring, runs).find((r) => r.nodeId === id)!.factors.find((f) => f.factor === name);

  it('reports a step with no recorded inputs as not measurable, neutral 0.5 at low weight, not as a majority share', () => {
    const f = factor(scoreRuns(false), 'fraud-check', 'output-determinism')!;
    assert.deepEqual([f.score, f.weight], [0.5, 0.5]);
    assert.match(f.reason, /^not measurable \(inputs not recorded\): 14 executions/);
    assert.doesNotMatch(f.reason, /majority/);
  });
  it('does the same for decisions made on unrecorded inputs', () => {
    const f = factor(scoreRuns(false), 'sort', 'decision-consistency')!;
    assert.deepEqual([f.score, f.weight], [0.5, 0.5]);
    assert.match(f.reason, /^not measurable \(inputs not recorded\): 14 decisions/);
  });
  it('measures numeric outputs by their spread within equal inputs, not by exact matches', () => {
    const f = factor(scoreRuns(true), 'grade', 'output-determinism')!;
    // Even accounts: pooled SD ≈ 0.83 on values ≈ 80 → almost deterministic; odd accounts: 10 vs 90 → not at all.
    assert.match(f.reason, /numeric output "grade": spread within the same inputs is \d+% of its typical size/);
    assert.ok(f.score > 0 && f.score < 0.7, String(f.score));
    const steady = createRunRecord({ runId: 'x', steps: [] });
    const even = scoreRuns(true).map((r, i) => (i % 2 === 0 ? r : steady));
    const g = factor(even, 'grade', 'output-determinism')!;
    assert.ok(g.score > 0.98, String(g.score));
    assert.equal(g.weight, 1);
  });
  it('scores scores that vary for the same inputs low', () => {
    const f = factor(scoreRuns(true), 'fraud-check', 'output-determinism')!;
    assert.match(f.reason, /numeric output "score"/);
    assert.ok(f.score < 0.6, String(f.score));
  });
});
