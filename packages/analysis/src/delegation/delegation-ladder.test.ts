import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow } from '../../test-fixtures/workflow-builder.js';
import { decideLadder, delegationCaps, resolveDelegationPolicy } from '../index.js';
import type { DelegationObservation } from '../index.js';

const policy = resolveDelegationPolicy();
const obs = (kind: DelegationObservation['kind'], ok: number, bad: number, extra: Partial<DelegationObservation> = {}): DelegationObservation[] => [
  ...Array.from({ length: ok }, (_, i) => ({ kind, runId: `${kind}-ok-${i}`, ok: true, critical: false, reason: 'ok' })),
  ...Array.from({ length: bad }, (_, i) => ({ kind, runId: `${kind}-bad-${i}`, ok: false, critical: false, reason: 'disagreed', ...extra })),
];

describe('the promotion ladder', () => {
  it('human_only → trialing when nothing caps the step, with no trials needed', () => {
    const d = decideLadder('human_only', [], [], policy, 0.9);
    assert.deepEqual([d.promotion.to, d.promotion.ready, d.suggestedState], ['trialing', true, 'trialing']);
  });

  it('trialing → agent_supervised only with 30 trials and a 95 % lower bound at the threshold', () => {
    const few = decideLadder('trialing', [], obs('trial', 18, 0), policy, 0.9);
    assert.equal(few.promotion.ready, false);
    assert.match(few.promotion.missing[0], /^17 more agreeing trials needed \(18 trials \(30 needed\), 18 ok, 95 % lower bound 0\.824 vs 0\.900\)/);
    assert.equal(few.suggestedState, 'trialing');
    const thirty = decideLadder('trialing', [], obs('trial', 30, 0), policy, 0.9);
    assert.equal(thirty.promotion.ready, false, '30 of 30 has a lower bound of 0.886');
    assert.match(thirty.promotion.missing[0], /^5 more agreeing trials needed/);
    const enough = decideLadder('trialing', [], obs('trial', 35, 0), policy, 0.9);
    assert.deepEqual([enough.promotion.ready, enough.suggestedState], [true, 'agent_supervised']);
    const noisy = decideLadder('trialing', [], obs('trial', 88, 12), policy, 0.9);
    assert.equal(noisy.trials.rate, 0.88);
    assert.equal(noisy.promotion.ready, false);
  });

  it('judges each step against its own threshold', () => {
    assert.equal(decideLadder('trialing', [], obs('trial', 60, 4), policy, 0.8).promotion.ready, true);
    assert.equal(decideLadder('trialing', [], obs('trial', 60, 4), policy, 0.9).promotion.ready, false);
  });

  it('agent_supervised → agent_autonomous with 30+ reviews whose approval lower bound reaches 0.95 and no critical override', () => {
    assert.equal(decideLadder('agent_supervised', [], obs('supervised', 40, 0), policy, 0.9).promotion.ready, false);
    const good = decideLadder('agent_supervised', [], obs('supervised', 80, 0), policy, 0.9);
    assert.deepEqual([good.promotion.ready, good.suggestedState], [true, 'agent_autonomous']);
    const blocked = decideLadder('agent_supervised', [], [...obs('supervised', 200, 0), { kind: 'supervised', runId: 'r-crit', ok: false, critical: false, reason: 'x' }], policy, 0.9);
    assert.equal(blocked.promotion.ready, true, 'one plain disagreement among 201 does not block');
    const crit = decideLadder('agent_supervised', [], [...obs('supervised', 200, 0), { kind: 'supervised', runId: 'r-crit', ok: false, critical: true, reason: 'wrong dose' }], policy, 0.9);
    assert.equal(crit.promotion.ready, false);
    assert.ok(crit.promotion.missing.some((m) => /critical override in run r-crit/.test(m)));
  });

  it('has nothing above agent_autonomous', () => {
    const d = decideLadder('agent_autonomous', [], obs('autonomous', 100, 0), policy, 0.9);
    assert.deepEqual([d.promotion.to, d.promotion.ready, d.suggestedState], [undefined, false, 'agent_autonomous']);
  });
});

describe('caps', () => {
  const workflow = buildWorkflow({
    authLevels: ['operator', 'supervisor', 'director'],
    nodes: [
      { id: 'plain', type: 'human' },
      { id: 'risky', type: 'human', riskLevel: 'High' },
      { id: 'gated', type: 'agent', delegationState: 'human_only', approvalGate: { required: true } },
      { id: 'authorised', type: 'human', humanAuthRequired: true },
      { id: 'senior', type: 'human', authLevel: 'supervisor' },
      { id: 'junior', type: 'human', authLevel: 'operator' },
    ],
  });
  const capsOf = (id: string, p = policy, wf = workflow) => delegationCaps(wf.nodes.find((n) => n.id === id)!, wf, p).map((c) => c.cap);

  it('caps risk, approval gates, human authorisation and an authorisation level above the lowest', () => {
    assert.deepEqual(capsOf('plain'), []);
    assert.deepEqual(capsOf('risky'), ['risk']);
    assert.deepEqual(capsOf('gated'), ['approval_gate']);
    assert.deepEqual(capsOf('authorised'), ['approval_gate']);
    assert.deepEqual(capsOf('senior'), ['auth_level']);
    assert.deepEqual(capsOf('junior'), []);
  });

  it('caps every step of a process under a jurisdiction the policy does not allow', () => {
    const eu = { ...workflow, jurisdiction: ['EU'] };
    assert.deepEqual(capsOf('plain', policy, eu), ['jurisdiction']);
    assert.deepEqual(capsOf('plain', resolveDelegationPolicy({ allowedJurisdictions: ['EU'] }), eu), []);
  });

  it('a capped step is never promoted, and a capped step already promoted is proposed back to a person', () => {
    const caps = delegationCaps(workflow.nodes[1], workflow, policy);
    const d = decideLadder('human_only', caps, [], policy, 0.9);
    assert.equal(d.promotion.ready, false);
    assert.match(d.promotion.missing[0], /^capped: risk level High/);
    const promoted = decideLadder('agent_supervised', caps, obs('supervised', 100, 0), policy, 0.9);
    assert.deepEqual([promoted.promotion.ready, promoted.demotion?.to, promoted.demotion?.urgent], [false, 'human_only', false]);
  });
});

describe('demotion', () => {
  it('demotes to a person at once after a critical error', () => {
    const observations = [...obs('autonomous', 100, 0), { kind: 'autonomous' as const, runId: 'r-101', ok: false, critical: true, reason: 'failed (CRITICAL)' }];
    const d = decideLadder('agent_autonomous', [], observations, policy, 0.9);
    assert.deepEqual([d.demotion?.to, d.demotion?.urgent, d.suggestedState], ['human_only', true, 'human_only']);
    assert.match(d.demotion!.reason, /critical error in run r-101/);
  });

  it('proposes one rung down when the window shows the rate below the threshold', () => {
    const drifted = [...obs('supervised', 200, 0), ...obs('supervised', 35, 15)];
    const d = decideLadder('agent_supervised', [], drifted, policy, 0.9);
    assert.deepEqual([d.demotion?.to, d.demotion?.urgent, d.window?.trials], ['trialing', false, 50]);
    assert.match(d.demotion!.reason, /the last 50 executions: 35 ok \(70\.0 %\), 95 % upper bound 0\.8\d\d below 0\.900/);
  });

  it('does not judge a window of fewer than 20 executions: one early miss proves nothing', () => {
    assert.equal(decideLadder('agent_supervised', [], obs('supervised', 0, 1), policy, 0.9).demotion, undefined);
    assert.equal(decideLadder('agent_supervised', [], obs('supervised', 10, 9), policy, 0.9).demotion, undefined);
    assert.equal(decideLadder('agent_supervised', [], obs('supervised', 10, 10), policy, 0.9).demotion?.to, 'trialing');
  });

  it('keeps a good step: a few misses in the window do not prove the rate is below the threshold', () => {
    const d = decideLadder('agent_autonomous', [], [...obs('autonomous', 200, 0), ...obs('autonomous', 46, 4)], policy, 0.9);
    assert.equal(d.demotion, undefined);
    const strict = decideLadder('agent_autonomous', [], [...obs('autonomous', 200, 0), ...obs('autonomous', 46, 4)], resolveDelegationPolicy({ demotion: 'lower_below' }), 0.9);
    assert.equal(strict.demotion?.to, 'agent_supervised', 'the lower-bound rule demotes on the same window');
  });
});
