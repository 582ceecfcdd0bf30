import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadWorkflow, stringifyWorkflow, validateSource } from '@sopflow/format';
import type { Workflow } from '@sopflow/format';
import { buildWorkflow } from '../../test-fixtures/workflow-builder.js';
import { createRunRecord, createStepRecord, diffWorkflows, synthesizeWorkflow } from '../index.js';
import type { RunRecord } from '../index.js';

const pipeline = (): Workflow => {
  const loaded = loadWorkflow(readFileSync(new URL('../../../../examples/deployment-pipeline.osop', import.meta.url), 'utf8'), 'deployment-pipeline.osop');
  assert.ok(loaded.workflow !== undefined);
  return loaded.workflow;
};

/** Runs that went well: never a failure, so never the rollback; the two checks logged in the same order every time. */
function happyRuns(ids: readonly string[], count: number): RunRecord[] {
  return Array.from({ length: count }, (_, i) => createRunRecord({ runId: `r${i}`, workflowId: 'deployment-pipeline', steps: ids.map((nodeId, k) => createStepRecord({
    nodeId, startedAt: new Date(Date.UTC(2026, 0, 1, 9, i * 10 + k)).toISOString(), status: 'COMPLETED',
    ...(nodeId === 'release_approval' ? { decision: 'approved', approver: 'ana' } : {}),
  })) }));
}

const HAPPY = ['checkout', 'build', 'unit_tests', 'security_scan', 'checks_done', 'release_approval', 'deploy', 'smoke_test', 'announce'];

describe('synthesizeWorkflow with a base never makes the process less safe', () => {
  const base = pipeline();
  const result = synthesizeWorkflow(happyRuns(HAPPY, 6), { base });
  const wf = result.workflow;
  const node = (id: string) => wf.nodes.find((n) => n.id === id);
  const edge = (from: string, to: string) => wf.edges.find((e) => e.from === from && e.to === to);

  it('keeps the rollback step and both failure paths to it, though no run needed them', () => {
    assert.ok(node('rollback') !== undefined);
    assert.equal(edge('deploy', 'rollback')?.mode, 'error');
    assert.equal(edge('smoke_test', 'rollback')?.mode, 'fallback');
  });

  it('keeps the approvals, the risk flag, the roles, the runtimes and the parallel checks', () => {
    for (const b of base.nodes) {
      const n = node(b.id);
      assert.ok(n !== undefined, b.id);
      assert.deepEqual([n.approvalGate, n.humanAuthRequired, n.authLevel, n.riskLevel, n.role, n.runtime], [b.approvalGate, b.humanAuthRequired, b.authLevel, b.riskLevel, b.role, b.runtime], b.id);
    }
    assert.equal(node('deploy')?.riskLevel, 'high');
    assert.equal(node('deploy')?.approvalGate?.required, true);
    assert.deepEqual(wf.roles, ['release-manager', 'on-call-engineer']);
    assert.deepEqual([edge('build', 'unit_tests')?.mode, edge('build', 'security_scan')?.mode], ['parallel', 'parallel']);
    assert.equal(edge('unit_tests', 'security_scan'), undefined);
  });

  it('removes nothing, so a diff from the base reports no approval, failure path or risk removed, and nothing needs confirming', () => {
    assert.deepEqual(result.removals, []);
    const bad = diffWorkflows(base, wf).summary.filter((c) => c.severity !== 'info');
    assert.deepEqual(bad, []);
    assert.equal(validateSource(stringifyWorkflow(wf), 'draft.osop').valid, true);
  });
});

describe('synthesizeWorkflow flags every removal from the base for a person to confirm', () => {
  const base = buildWorkflow({
    id: 'refund', version: '2.0.0',
    nodes: [
      { id: 'intake', type: 'human', role: 'clerk' }, { id: 'route', type: 'gateway' },
      { id: 'manual-review', type: 'human', role: 'fraud-analyst', riskLevel: 'high', runtime: { action: 'noop' } },
      { id: 'pay', type: 'api', runtime: { method: 'POST' } }, { id: 'refund-back', type: 'api' },
    ],
    edges: [
      { from: 'intake', to: 'route' },
      { from: 'route', to: 'manual-review', mode: 'conditional', when: 'inputs.amount > 10000' },
      { from: 'route', to: 'pay', mode: 'conditional', when: 'inputs.amount <= 10000' },
      { from: 'manual-review', to: 'pay' },
      { from: 'pay', to: 'refund-back', mode: 'compensation' },
    ],
  });
  const runs = Array.from({ length: 5 }, (_, i) => createRunRecord({ runId: `p${i}`, steps: ['intake', 'route', 'pay'].map((nodeId, k) => createStepRecord({ nodeId, startedAt: new Date(Date.UTC(2026, 0, 2, 9, i * 10 + k)).toISOString(), status: 'COMPLETED' })) }));
  const result = synthesizeWorkflow(runs, { base });

  it('keeps the compensation step no run needed', () => {
    assert.equal(result.workflow.edges.find((e) => e.from === 'pay' && e.to === 'refund-back')?.mode, 'compensation');
  });

  it('lists the dropped review step with what went with it (risk flag, role, runtime, the branch into it), with the evidence', () => {
    assert.ok(!result.workflow.nodes.some((n) => n.id === 'manual-review'));
    assert.deepEqual(result.removals.map((r) => [r.kind, r.nodes.join(' → ')]), [
      ['step', 'manual-review'], ['risk_flag', 'manual-review'], ['role', 'manual-review'], ['runtime', 'manual-review'], ['branch', 'route → manual-review'],
    ]);
    assert.deepEqual(result.removals[4].edge, { from: 'route', to: 'manual-review', mode: 'conditional', when: 'inputs.amount > 10000' });
    assert.ok(result.removals.every((r) => r.evidence.count === 0 && r.evidence.of === 5));
    assert.match(result.rationale, /## Removals a person must confirm/);
    assert.match(result.rationale, /\| step \| manual-review \| dropped "manual-review": no run of 5 executed it/);
    assert.match(result.rationale, /\| risk_flag \| manual-review \| risk_level high removed with "manual-review"/);
  });
});
