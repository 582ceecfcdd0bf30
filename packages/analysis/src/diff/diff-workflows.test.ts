import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { diffWorkflows, renderDiff } from '../index.js';

const base = buildWorkflow({
  id: 'refund', version: '1.0.0',
  nodes: [
    { id: 'intake', type: 'human', name: 'Take refund request', role: 'clerk' },
    { id: 'check-fraud', type: 'agent', name: 'Check fraud signals', timeoutSec: 600 },
    { id: 'verify-identity', type: 'human', name: 'Verify identity', role: 'clerk' },
    { id: 'approve', type: 'human', name: 'Approve refund', humanAuthRequired: true, riskLevel: 'high', authLevel: 'supervisor' },
    { id: 'pay', type: 'api', name: 'Pay out', retryPolicy: { maxRetries: 3, strategy: 'fixed', backoffSec: 5 } },
  ],
  edges: chain('intake', 'check-fraud', 'verify-identity', 'approve', 'pay'),
});

const codes = (d: ReturnType<typeof diffWorkflows>): string[] => d.summary.map((c) => c.code).sort();

describe('diffWorkflows', () => {
  it('finds nothing between a version and itself', () => {
    const d = diffWorkflows(base, base);
    assert.deepEqual(d.summary, []);
    assert.deepEqual(d.nodes, { added: [], removed: [], renamed: [], changed: [] });
    assert.deepEqual(d.edges, { added: [], removed: [], changed: [] });
  });

  it('says "approval gate removed from a high-risk step" (critical) when the auth flag goes', () => {
    const b = buildWorkflow({ ...base, nodes: base.nodes.map((n) => (n.id === 'approve' ? { ...n, humanAuthRequired: false } : n)), edges: chain('intake', 'check-fraud', 'verify-identity', 'approve', 'pay') });
    const d = diffWorkflows(base, b);
    assert.equal(d.summary[0].code, 'approval-removed');
    assert.equal(d.summary[0].severity, 'critical');
    assert.match(d.summary[0].message, /approval gate removed from a high-risk step "Approve refund"/);
    assert.deepEqual(d.nodes.changed, [{ id: 'approve', fields: [{ field: 'humanAuthRequired', before: true, after: false }] }]);
  });

  it('says "step moved from human to agent", timeout shortened, retries reduced, auth lowered, role changed', () => {
    const b = buildWorkflow({ ...base, nodes: base.nodes.map((n) => {
      if (n.id === 'intake') return { ...n, type: 'agent', role: 'intake-bot' };
      if (n.id === 'check-fraud') return { ...n, timeoutSec: 120 };
      if (n.id === 'pay') return { ...n, retryPolicy: { maxRetries: 1, strategy: 'fixed', backoffSec: 5 } };
      if (n.id === 'approve') return { ...n, authLevel: 'operator' };
      return n;
    }), edges: chain('intake', 'check-fraud', 'verify-identity', 'approve', 'pay') });
    const d = diffWorkflows(base, b);
    assert.deepEqual(codes(d), ['auth-lowered', 'performer-changed', 'retries-changed', 'role-changed', 'timeout-shortened']);
    const text = d.summary.map((c) => c.message).join('\n');
    assert.match(text, /step "Take refund request" \(intake\) moved from human to agent/);
    assert.match(text, /timeout shortened on "Check fraud signals" \(check-fraud\): 600s → 120s/);
    assert.match(text, /retries on "Pay out" \(pay\) reduced from 3 to 1/);
  });

  it('says two steps now run in parallel when a sequence becomes a parallel fan-out', () => {
    const b = buildWorkflow({ ...base, edges: [
      { from: 'intake', to: 'check-fraud', mode: 'parallel' }, { from: 'intake', to: 'verify-identity', mode: 'parallel' },
      { from: 'check-fraud', to: 'approve' }, { from: 'verify-identity', to: 'approve' }, { from: 'approve', to: 'pay' },
    ] });
    const d = diffWorkflows(base, b);
    const parallel = d.summary.filter((c) => c.code === 'now-parallel');
    assert.equal(parallel.length, 1);
    assert.equal(parallel[0].message, '"check-fraud" and "verify-identity" now run in parallel (were in sequence)');
    assert.equal(d.edges.removed.length, 1);
    assert.deepEqual(d.edges.changed.map((e) => [e.from, e.to, e.fields[0].after]), [['intake', 'check-fraud', 'parallel']]);
    const back = diffWorkflows(b, base).summary.filter((c) => c.code === 'now-sequential');
    assert.equal(back.length, 1);
  });

  it('matches a renamed step by similarity, and reports a new decision and a removed approval step', () => {
    const b = buildWorkflow({ ...base, version: '2.0.0', nodes: [
      { id: 'intake', type: 'human', name: 'Take refund request', role: 'clerk' },
      { id: 'check-fraud-signals', type: 'agent', name: 'Check fraud signals', timeoutSec: 600 },
      { id: 'verify-identity', type: 'human', name: 'Verify identity', role: 'clerk' },
      { id: 'route', type: 'gateway', name: 'Amount over limit?' },
      { id: 'pay', type: 'api', name: 'Pay out', retryPolicy: { maxRetries: 3, strategy: 'fixed', backoffSec: 5 } },
    ], edges: [...chain('intake', 'check-fraud-signals', 'verify-identity', 'route'), { from: 'route', to: 'pay', mode: 'conditional', when: 'inputs.amount < 500' }] });
    const d = diffWorkflows(base, b);
    assert.deepEqual(d.nodes.renamed.map((r) => [r.from, r.to]), [['check-fraud', 'check-fraud-signals']]);
    assert.deepEqual(codes(d), ['approval-removed', 'decision-added', 'step-renamed']);
    assert.deepEqual(d.edges.added.map((e) => `${e.from}>${e.to}`).sort(), ['route>pay', 'verify-identity>route']);
    assert.ok(!d.edges.removed.some((e) => e.from === 'check-fraud-signals'), 'the renamed step keeps its edges');
  });

  it('says when the condition into an approval step changed', () => {
    const gated = buildWorkflow({ nodes: [{ id: 'triage' }, { id: 'approve', humanAuthRequired: true }, { id: 'pay' }], edges: [
      { from: 'triage', to: 'approve', mode: 'conditional', when: 'inputs.amount > 1000' }, { from: 'triage', to: 'pay', mode: 'conditional', when: 'inputs.amount <= 1000' }, { from: 'approve', to: 'pay' }] });
    const raised = buildWorkflow({ ...gated, nodes: gated.nodes, edges: gated.edges.map((e) => (e.when ? { ...e, when: e.when.replace('1000', '5000') } : e)) });
    const d = diffWorkflows(gated, raised);
    assert.deepEqual(d.summary.map((c) => [c.code, c.severity]), [['condition-changed', 'warning'], ['condition-changed', 'info']]);
    assert.equal(d.summary[0].message, 'branch condition "triage" → "approve" (an approval step) changed: inputs.amount > 1000 → inputs.amount > 5000');
  });

  it('renders text, markdown and JSON', () => {
    const b = buildWorkflow({ ...base, version: '1.1.0', nodes: base.nodes.filter((n) => n.id !== 'check-fraud'), edges: chain('intake', 'verify-identity', 'approve', 'pay') });
    const d = diffWorkflows(base, b);
    const md = renderDiff(d, 'markdown');
    assert.match(md, /^# Process diff refund@1.0.0 → refund@1.1.0/);
    assert.match(md, /- \[info\] step "Check fraud signals" \(check-fraud\) removed/);
    assert.match(renderDiff(d, 'text'), /^PROCESS DIFF REFUND@1.0.0/);
    assert.equal(JSON.parse(renderDiff(d, 'json')).nodes.removed[0].id, 'check-fraud');
  });
});
