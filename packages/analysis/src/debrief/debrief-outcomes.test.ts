import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow } from '../../test-fixtures/workflow-builder.js';
import { createRunRecord, createStepRecord, debrief, renderDebrief } from '../index.js';
import type { RunRecord, RunStatus, StepRecord } from '../index.js';

const refund = buildWorkflow({
  id: 'refund', version: '1.0.0',
  nodes: [
    { id: 'intake', type: 'human' }, { id: 'triage', type: 'agent' },
    { id: 'approve', type: 'human', approvalGate: { required: true, approverRole: 'supervisor' } }, { id: 'pay', type: 'api' }, { id: 'notify', type: 'system' },
  ],
  edges: [
    { from: 'intake', to: 'triage' },
    { from: 'triage', to: 'approve', mode: 'conditional', when: 'inputs.amount > 1000' },
    { from: 'triage', to: 'pay', mode: 'conditional', when: 'inputs.amount <= 1000' },
    { from: 'approve', to: 'pay' }, { from: 'pay', to: 'notify' },
  ],
});

let n = 0;
function run(status: RunStatus, steps: (string | Partial<StepRecord> & { nodeId: string })[], amount: number): RunRecord {
  n += 1;
  const start = Date.UTC(2026, 3, 1, 8, n * 5);
  return createRunRecord({
    runId: `r${n}`, workflowId: 'refund', status, inputs: { amount }, startedAt: new Date(start).toISOString(),
    steps: steps.map((s, i) => createStepRecord({ ...(typeof s === 'string' ? { nodeId: s } : s), startedAt: new Date(start + i * 60_000).toISOString() })),
  });
}

const denied = { nodeId: 'approve', status: 'FAILED' as const, decision: 'denied', approver: 'sam', error: { code: 'AUTH_DENIED', message: 'denied by sam' } };
const runs = [
  run('COMPLETED', ['intake', 'triage', 'pay', 'notify'], 200),
  run('COMPLETED', ['intake', 'triage', { nodeId: 'approve', decision: 'approved' }, 'pay', 'notify'], 5000),
  run('FAILED', ['intake', 'triage', denied], 7000),
  run('CANCELLED', ['intake', 'triage'], 300),
  run('CANCELLED', ['intake', 'pay'], 300),
];

describe('debrief: a denied approval or a cancelled run is an outcome, not an error', () => {
  const report = debrief(refund, runs);
  const of = (runId: string) => report.deviations.filter((d) => d.runId === runId).map((d) => `${d.kind}:${d.nodeId} ${d.class}/${d.rule}`);

  it('classes the steps a denied approval stopped as OUTCOME', () => {
    assert.deepEqual(of('r3'), ['skipped:pay OUTCOME/stopped-by-outcome', 'skipped:notify OUTCOME/stopped-by-outcome']);
  });

  it('classes the steps a cancellation stopped as OUTCOME, but a step skipped before it is still a potential error', () => {
    assert.deepEqual(of('r4'), ['skipped:pay OUTCOME/stopped-by-outcome', 'skipped:notify OUTCOME/stopped-by-outcome']);
    assert.deepEqual(of('r5'), ['skipped:triage POTENTIAL_ERROR/rare-with-bad-outcome', 'skipped:notify OUTCOME/stopped-by-outcome']);
  });

  it('counts outcomes apart: runs stopped by each, the OUTCOME class, and adherence without them', () => {
    assert.deepEqual(report.outcomes, { approvalDenied: ['r3'], cancelled: ['r4', 'r5'] });
    assert.deepEqual(report.classes, { OUTCOME: 5, ESCALATION: 0, EDGE_CASE: 0, ORG_NUANCE: 0, POTENTIAL_ERROR: 1 });
    assert.equal(report.adherence.runRate, 4 / 5);
    assert.ok(!report.updateCandidates.some((u) => u.pattern === 'skipped:notify' || u.pattern === 'skipped:pay'), 'an outcome never proposes making a step optional');
    assert.match(renderDebrief(report, 'text'), /outcomes: 1 approval denied \(r3\), 2 cancelled \(r4, r5\)/);
  });

  it('still calls carrying on after a denial a potential error', () => {
    const after = debrief(refund, [...runs, run('COMPLETED', ['intake', 'triage', { ...denied, status: 'COMPLETED', error: undefined }, 'pay', 'notify'], 9000)]);
    assert.deepEqual(after.deviations.filter((d) => d.runId === `r${n}`).map((d) => `${d.kind} ${d.class}`), ['unauthorised POTENTIAL_ERROR']);
  });
});
