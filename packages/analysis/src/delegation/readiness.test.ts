import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { assessReadiness, createRunRecord, createStepRecord } from '../index.js';
import type { StepRecord } from '../index.js';

const workflow = buildWorkflow({
  nodes: [
    { id: 'build', type: 'cicd', runtime: { action: 'noop' } },
    { id: 'route', type: 'gateway' },
    { id: 'classify', type: 'agent', delegationState: 'trialing', role: 'clerk' },
    { id: 'draft', type: 'agent', delegationState: 'agent_supervised', role: 'editor' },
    { id: 'review', type: 'human', role: 'clerk' },
    { id: 'score', type: 'agent' },
  ],
  edges: chain('build', 'route', 'classify', 'draft', 'review', 'score'),
});
const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
const run = (i: number, steps: StepRecord[]) => createRunRecord({ runId: `r${i}`, workflowId: 'wf', startedAt: day(i), steps });
const trialStep = (person: Record<string, unknown>, agent: Record<string, unknown>, agreement: number) =>
  createStepRecord({ nodeId: 'classify', outputs: person, extra: { shadow: { outputs: agent, agreement } } });

describe('assessReadiness', () => {
  it('shows machine steps as automated and routing as not applicable, with no ladder', () => {
    const r = assessReadiness(workflow, [run(0, [createStepRecord({ nodeId: 'build' })])]);
    const build = r.find((s) => s.nodeId === 'build')!;
    assert.deepEqual([build.scope, build.ladder, build.executions], ['automated', undefined, 1]);
    assert.match(build.summary[0], /^automated: a machine step \(cicd\)/);
    assert.equal(r.find((s) => s.nodeId === 'route')!.scope, 'not_applicable');
    assert.deepEqual(r.filter((s) => s.ladder !== undefined).map((s) => [s.nodeId, s.scope, s.state]),
      [['classify', 'person', 'trialing'], ['draft', 'agent', 'agent_supervised'], ['review', 'person', 'human_only'], ['score', 'agent', 'agent_autonomous']]);
  });

  it('recommends nothing on four executions without a trial (the issue’s case): no score, the evidence and what is missing', () => {
    const records = [0, 1, 2, 3].map((i) => run(i, [createStepRecord({ nodeId: 'classify', outputs: { kind: 'invoice' } })]));
    const c = assessReadiness(workflow, records).find((s) => s.nodeId === 'classify')!;
    assert.equal(c.executions, 4);
    assert.equal(c.suggestedState, 'trialing');
    assert.equal(c.summary[0], 'trials: none');
    assert.match(c.summary[1], /^next: agent_supervised: 35 more agreeing trials needed \(0 trials \(30 needed\)/);
  });

  it('measures agreement from the shadow outputs with the stated measures, not the recorded share', () => {
    const records = Array.from({ length: 40 }, (_, i) => run(i, [trialStep({ kind: 'invoice', amount: 100 }, { kind: 'invoice', amount: 100.5 }, 0.5)]));
    const c = assessReadiness(workflow, records).find((s) => s.nodeId === 'classify')!;
    assert.deepEqual([c.ladder!.trials.trials, c.ladder!.trials.successes], [40, 40]);
    assert.equal(c.suggestedState, 'agent_supervised');
    assert.match(c.summary[0], /^trials: 40, agreed 40 \(100\.0 %\), 95 % interval 0\.912–1\.000, threshold 0\.90$/);
    assert.match(c.summary[1], /^next: agent_supervised: the evidence allows it; a person approves the change$/);
  });

  it('counts a trial whose agent answered differently as a disagreement and says where', () => {
    const records = [run(0, [trialStep({ kind: 'invoice' }, { kind: 'receipt' }, 0)])];
    const c = assessReadiness(workflow, records).find((s) => s.nodeId === 'classify')!;
    assert.equal(c.observations[0].ok, false);
    assert.match(c.observations[0].reason, /disagreed on kind: "receipt" vs "invoice"/);
  });

  it('counts a reviewer’s correction as a disagreement and a plain approval as agreement', () => {
    const approved = Array.from({ length: 5 }, (_, i) => run(i, [createStepRecord({ nodeId: 'draft', decision: 'approved', outputs: { text: 'Dear customer' } })]));
    const corrected = run(9, [createStepRecord({ nodeId: 'draft', decision: 'approved', outputs: { text: 'Dear Ms Roe' }, extra: { corrected_from: { text: 'Dear customer' } } })]);
    const d = assessReadiness(workflow, [...approved, corrected]).find((s) => s.nodeId === 'draft')!;
    assert.deepEqual([d.ladder!.supervised.trials, d.ladder!.supervised.successes], [6, 5]);
    assert.match(d.observations.at(-1)!.reason, /a reviewer corrected the agent's output/);
  });

  it('demotes an autonomous agent step to a person at once after a critical error', () => {
    const good = Array.from({ length: 20 }, (_, i) => run(i, [createStepRecord({ nodeId: 'score', model: 'm', outputs: { risk: 0.1 } })]));
    const bad = run(30, [createStepRecord({ nodeId: 'score', model: 'm', status: 'FAILED', error: { code: 'CRITICAL', message: 'wrong customer' } })]);
    const s = assessReadiness(workflow, [...good, bad]).find((x) => x.nodeId === 'score')!;
    assert.deepEqual([s.suggestedState, s.ladder!.demotion?.urgent], ['human_only', true]);
    assert.ok(s.summary.some((l) => /^DEMOTE NOW: → human_only: critical error in run r30/.test(l)));
  });

  it('takes trials stated outside the records and counts each run once', () => {
    const records = [run(0, [trialStep({ k: 1 }, { k: 1 }, 1)])];
    const c = assessReadiness(workflow, [...records, ...records], { trials: [{ nodeId: 'classify', agreed: false }] }).find((s) => s.nodeId === 'classify')!;
    assert.deepEqual([c.executions, c.ladder!.trials.trials, c.ladder!.trials.successes], [1, 2, 1]);
  });
});
