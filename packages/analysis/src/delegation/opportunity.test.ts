import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { assessReadiness, createRunRecord, createStepRecord, rankPortfolio, recordHistory } from '../index.js';

const workflow = buildWorkflow({
  id: 'refund',
  nodes: [
    { id: 'pay', type: 'api' },
    { id: 'classify', type: 'agent', delegationState: 'trialing' },
    { id: 'check', type: 'human' },
    { id: 'approve', type: 'human', humanAuthRequired: true },
  ],
  edges: chain('classify', 'check', 'approve', 'pay'),
});
const HOUR = 3_600_000;
/** `count` runs spread evenly over `days` days, each step 6 minutes; classify carries a shadow trial the agent agreed on. */
const runsOver = (count: number, days: number) => Array.from({ length: count }, (_, i) => createRunRecord({
  runId: `r${i}`, workflowId: 'refund',
  startedAt: new Date(Date.UTC(2026, 0, 1) + (count === 1 ? 0 : (i * days * 24 * HOUR) / (count - 1))).toISOString(),
  steps: [
    createStepRecord({ nodeId: 'classify', durationMs: 6 * 60_000, outputs: { kind: 'a' }, extra: { shadow: { outputs: { kind: 'a' }, agreement: 1 } } }),
    createStepRecord({ nodeId: 'check', durationMs: 6 * 60_000 }),
    createStepRecord({ nodeId: 'approve', durationMs: 60_000 }),
    createStepRecord({ nodeId: 'pay', durationMs: 1000 }),
  ],
}));

describe('opportunities', () => {
  it('ranks only delegatable steps: automated, capped and routing steps are excluded with the reason', () => {
    const runs = runsOver(40, 30);
    const p = rankPortfolio('refund', runs, assessReadiness(workflow, runs));
    assert.deepEqual(p.items.map((i) => i.nodeId), ['classify', 'check']);
    assert.deepEqual(p.excluded.map((e) => [e.nodeId, e.reason.split(':')[0]]), [['pay', 'automated'], ['approve', 'capped']]);
  });

  it('measures frequency over the span the records cover', () => {
    const runs = runsOver(40, 30);
    assert.equal(recordHistory(runs).spanDays, 30);
    const classify = rankPortfolio('refund', runs, assessReadiness(workflow, runs)).items[0];
    assert.equal(classify.assumptions.frequencyPerMonth.source, 'measured');
    assert.ok(Math.abs(classify.assumptions.frequencyPerMonth.value - (40 / 30) * 30.44) < 1e-9);
    assert.match(classify.assumptions.frequencyPerMonth.note, /40 runs over 30\.0 days/);
  });

  it('says "not enough history" and gives no value when the records cover too short a span', () => {
    const runs = runsOver(4, 0);
    const p = rankPortfolio('refund', runs, assessReadiness(workflow, runs));
    assert.equal(p.totalValue, 0);
    for (const item of p.items) {
      assert.equal(item.monthlyValue, undefined);
      assert.equal(item.assumptions.frequencyPerMonth, undefined);
      assert.match(item.history.note, /^not enough history: 4 runs over 0\.0 days \(7 days needed/);
    }
  });

  it('takes the automation share from the evidence and keeps every default in assumptions', () => {
    const runs = runsOver(40, 30);
    const p = rankPortfolio('refund', runs, assessReadiness(workflow, runs), { costPerHour: 60 });
    const [classify, check] = p.items;
    assert.equal(classify.assumptions.automationShare.source, 'measured');
    assert.equal(classify.assumptions.automationShare.value.toFixed(3), '0.912');
    assert.match(classify.assumptions.automationShare.note, /lower bound of trial agreement \(40\/40/);
    assert.deepEqual([check.assumptions.automationShare.value, check.assumptions.automationShare.source, check.monthlyValue], [0, 'default', 0]);
    assert.ok((check.potentialMonthlyValue ?? 0) > 0, 'what trials could be worth is shown');
    assert.deepEqual([classify.assumptions.costPerHour.source, classify.assumptions.timeSavedShare.source, classify.assumptions.runningCostPerExecution.source], ['given', 'default', 'default']);
    const f = classify.assumptions.frequencyPerMonth.value;
    const share = classify.assumptions.automationShare.value;
    assert.equal(classify.monthlyValue, Math.round((f * 0.1 * 0.8 * 60 * share - f * share * 0.05) * 100) / 100);
  });

  it('is idempotent per step: one stable opportunity per step, the same however often the records or steps are given', () => {
    const runs = runsOver(40, 30);
    const readiness = assessReadiness(workflow, runs);
    const once = rankPortfolio('refund', runs, readiness);
    const twice = rankPortfolio('refund', [...runs, ...runs], [...readiness, ...readiness]);
    assert.deepEqual(twice, once);
    assert.deepEqual(once.items.map((i) => i.id), ['refund#classify', 'refund#check']);
  });
});
