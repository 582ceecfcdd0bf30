import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadWorkflow } from '@sopflow/format';
import type { Workflow } from '@sopflow/format';
import { diffWorkflows, renderDiff } from '../index.js';

const pipeline = (): Workflow => {
  const text = readFileSync(new URL('../../../../examples/deployment-pipeline.osop', import.meta.url), 'utf8');
  const loaded = loadWorkflow(text, 'deployment-pipeline.osop');
  assert.ok(loaded.workflow !== undefined);
  return loaded.workflow;
};
const without = (wf: Workflow, from: string, to: string): Workflow => ({ ...wf, edges: wf.edges.filter((e) => !(e.from === from && e.to === to)) });

describe('diffWorkflows on failure paths and approvals (the deployment pipeline)', () => {
  it('reports a removed error edge as "failure path removed: deploy → rollback (error)", critical on a high-risk step', () => {
    const d = diffWorkflows(pipeline(), without(pipeline(), 'deploy', 'rollback'));
    const change = d.summary.find((c) => c.code === 'failure-path-removed');
    assert.deepEqual(change, { code: 'failure-path-removed', severity: 'critical', message: 'failure path removed: deploy → rollback (error)', nodes: ['deploy', 'rollback'] });
    assert.match(renderDiff(d, 'text'), /\[critical\] failure path removed: deploy → rollback \(error\)/);
  });

  it('reports removed fallback, timeout and compensation edges by mode, and added ones', () => {
    const a = pipeline();
    const b: Workflow = { ...without(a, 'smoke_test', 'rollback'), edges: [
      ...without(a, 'smoke_test', 'rollback').edges,
      { from: 'build', to: 'rollback', mode: 'timeout', origin: 'edges', path: ['edges', 20], extra: {} },
    ] };
    const withUndo: Workflow = { ...a, edges: [...a.edges, { from: 'deploy', to: 'rollback', mode: 'compensation', origin: 'edges', path: ['edges', 30], extra: {} }] };
    const messages = diffWorkflows(a, b).summary.map((c) => `${c.severity} ${c.message}`);
    assert.ok(messages.includes('warning failure path removed: smoke_test → rollback (fallback)'), messages.join('\n'));
    assert.ok(messages.includes('info failure path added: build → rollback (timeout)'), messages.join('\n'));
    const undo = diffWorkflows(withUndo, a).summary.find((c) => c.code === 'failure-path-removed');
    assert.equal(undo?.message, 'undo path removed: deploy → rollback (compensation)');
  });

  it('reports an error edge turned into an ordinary edge as a removed failure path', () => {
    const a = pipeline();
    const b: Workflow = { ...a, edges: a.edges.map((e) => (e.from === 'deploy' && e.to === 'rollback' ? { ...e, mode: 'sequential' as const } : e)) };
    const d = diffWorkflows(a, b);
    assert.deepEqual(d.summary.filter((c) => c.code.startsWith('failure-path')).map((c) => c.message), ['failure path removed: deploy → rollback (error, now sequential)']);
  });

  it('reports the rollback step removed together with both of its failure paths', () => {
    const a = pipeline();
    const b: Workflow = { ...a, nodes: a.nodes.filter((n) => n.id !== 'rollback'), edges: a.edges.filter((e) => e.to !== 'rollback') };
    const removed = diffWorkflows(a, b).summary.filter((c) => c.code === 'failure-path-removed').map((c) => c.message).sort();
    assert.deepEqual(removed, ['failure path removed: deploy → rollback (error)', 'failure path removed: smoke_test → rollback (fallback)']);
  });

  it('says "approval gate removed from a high-risk step" when the gate on deploy goes, by the one approval rule', () => {
    const a = pipeline();
    const b: Workflow = { ...a, nodes: a.nodes.map((n) => (n.id === 'deploy' ? { ...n, approvalGate: undefined } : n)) };
    const change = diffWorkflows(a, b).summary.find((c) => c.code === 'approval-removed');
    assert.equal(change?.severity, 'critical');
    assert.match(change?.message ?? '', /^approval gate removed from a high-risk step "Deploy to production" \(deploy\)/);
  });

  it('counts a supervised agent turned autonomous, and auth_level dropped from a machine step, as approvals removed', () => {
    const a = pipeline();
    const b = pipeline();
    a.nodes.push({ ...a.nodes[0], id: 'triage', name: 'triage', type: 'agent', delegationState: 'agent_supervised', runtime: undefined });
    b.nodes.push({ ...a.nodes[a.nodes.length - 1], delegationState: 'agent_autonomous' });
    a.nodes.push({ ...a.nodes[0], id: 'purge', name: 'purge', type: 'db', authLevel: 'manager', runtime: undefined });
    b.nodes.push({ ...a.nodes[a.nodes.length - 1], authLevel: undefined });
    const removed = diffWorkflows(a, b).summary.filter((c) => c.code === 'approval-removed').map((c) => c.nodes[0]).sort();
    assert.deepEqual(removed, ['purge', 'triage']);
  });

  it('reports an approval reason removed while a person still approves, and a risk flag removed', () => {
    const a = pipeline();
    const b: Workflow = { ...a, nodes: a.nodes.map((n) => (n.id === 'deploy' ? { ...n, riskLevel: undefined, humanAuthRequired: true, approvalGate: undefined } : n)) };
    const summary = diffWorkflows(a, b).summary.map((c) => `${c.code}: ${c.message}`);
    assert.ok(summary.includes('approval-weakened: approval gate removed from "Deploy to production" (deploy); a person still approves it (human_auth_required)'), summary.join('\n'));
    assert.ok(summary.includes('risk-removed: risk flag removed from "Deploy to production" (deploy) (was high)'), summary.join('\n'));
  });
});
