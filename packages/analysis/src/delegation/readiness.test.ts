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
