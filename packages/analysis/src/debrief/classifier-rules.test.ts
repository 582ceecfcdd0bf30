import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { CLASSIFIER_RULES, classifyDeviation, createRunRecord, createStepRecord } from '../index.js';
import type { Deviation, RuleContext } from '../index.js';

const workflow = buildWorkflow({
  nodes: [{ id: 'intake' }, { id: 'assess' }, { id: 'senior-review', kind: 'escalation' }, { id: 'close' }],
  edges: chain('intake', 'assess', 'close'),
});

function ctx(deviation: Partial<Deviation> & Pick<Deviation, 'kind' | 'nodeId'>, over: Partial<RuleContext> = {}): RuleContext {
  const d: Deviation = { runId: 'r1', detail: '', pattern: `${deviation.kind}:${deviation.nodeId}`, data: {}, ...deviation };
  return {
    deviation: d, workflow, node: workflow.nodes.find((n) => n.id === d.nodeId),
    record: createRunRecord({ runId: 'r1', steps: [createStepRecord({ nodeId: 'intake' }), createStepRecord({ nodeId: d.nodeId })] }),
    runGood: true, patternShare: 0.05, patternRuns: 1, totalRuns: 20, teams: new Map(), unusualInputs: [], ...over,
  };
}
const rule = (c: RuleContext) => classifyDeviation(c);

describe('classifier rules (one test per rule)', () => {
  it('stopped-by-outcome: a step a cancellation kept the run from reaching is an OUTCOME; one skipped before it is not', () => {
    const stop = { by: 'cancelled' as const, unreached: new Set(['close']) };
    assert.deepEqual(rule(ctx({ kind: 'skipped', nodeId: 'close' }, { stop, runGood: false })), { class: 'OUTCOME', rule: 'stopped-by-outcome' });
    assert.deepEqual(rule(ctx({ kind: 'skipped', nodeId: 'assess' }, { stop, runGood: false })), { class: 'POTENTIAL_ERROR', rule: 'rare-with-bad-outcome' });
  });
  it('unauthorised-is-error: a missed approval is a POTENTIAL_ERROR even when common and the outcome was good', () => {
    assert.deepEqual(rule(ctx({ kind: 'unauthorised', nodeId: 'assess' }, { patternShare: 0.6, patternRuns: 12 })), { class: 'POTENTIAL_ERROR', rule: 'unauthorised-is-error' });
  });
  it('escalated-to-person: an inserted escalation step is an ESCALATION', () => {
    assert.deepEqual(rule(ctx({ kind: 'inserted', nodeId: 'senior-review' })), { class: 'ESCALATION', rule: 'escalated-to-person' });
    assert.deepEqual(rule(ctx({ kind: 'inserted', nodeId: 'call-on-call-manager' })), { class: 'ESCALATION', rule: 'escalated-to-person' });
  });
  it('late-then-escalated: a late step followed by an escalation step is an ESCALATION', () => {
    const c = ctx({ kind: 'late', nodeId: 'assess' });
    c.record.steps.push(createStepRecord({ nodeId: 'escalate-to-supervisor' }));
    assert.deepEqual(rule(c), { class: 'ESCALATION', rule: 'late-then-escalated' });
  });
  it('late-then-escalated: the engine recorded an escalation on the late step', () => {
    const c = ctx({ kind: 'late', nodeId: 'assess' });
    c.record.steps[1].extra = { escalations: [{ reason: 'TIMEOUT', at: '2026-01-01T00:00:00Z' }] };
    assert.deepEqual(rule(c), { class: 'ESCALATION', rule: 'late-then-escalated' });
  });
  it('wrong-branch-is-error: a branch taken against its condition is a POTENTIAL_ERROR', () => {
    assert.deepEqual(rule(ctx({ kind: 'wrong-branch', nodeId: 'close' })), { class: 'POTENTIAL_ERROR', rule: 'wrong-branch-is-error' });
  });
  it('one-team-habit: one team only, in half its runs or more, is an ORG_NUANCE', () => {
    const teams = new Map([['north', { withPattern: 3, runs: 4 }], ['south', { withPattern: 0, runs: 5 }]]);
    assert.deepEqual(rule(ctx({ kind: 'skipped', nodeId: 'assess' }, { teams, patternRuns: 3, patternShare: 3 / 9 })), { class: 'ORG_NUANCE', rule: 'one-team-habit' });
  });
  it('systematic-practice: 30% of all runs or more is an ORG_NUANCE', () => {
    assert.deepEqual(rule(ctx({ kind: 'reordered', nodeId: 'assess' }, { patternShare: 0.4, patternRuns: 8 })), { class: 'ORG_NUANCE', rule: 'systematic-practice' });
  });
  it('rare-with-bad-outcome: a rare deviation in a run that ended badly is a POTENTIAL_ERROR', () => {
    assert.deepEqual(rule(ctx({ kind: 'skipped', nodeId: 'assess' }, { runGood: false })), { class: 'POTENTIAL_ERROR', rule: 'rare-with-bad-outcome' });
  });
  it('rare-on-unusual-inputs: a rare deviation on inputs no conforming run had is an EDGE_CASE', () => {
    assert.deepEqual(rule(ctx({ kind: 'inserted', nodeId: 'manual-fx-check' }, { unusualInputs: ['currency'] })), { class: 'EDGE_CASE', rule: 'rare-on-unusual-inputs' });
  });
  it('rare-with-good-outcome: any other rare deviation in a good run is an EDGE_CASE', () => {
    assert.deepEqual(rule(ctx({ kind: 'repeated', nodeId: 'assess' })), { class: 'EDGE_CASE', rule: 'rare-with-good-outcome' });
  });
  it('the table is data: every rule has an id, a class and a description, ids unique', () => {
    assert.equal(new Set(CLASSIFIER_RULES.map((r) => r.id)).size, CLASSIFIER_RULES.length);
    assert.ok(CLASSIFIER_RULES.every((r) => r.description.length > 20));
  });
});
