import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { approveUpdateCandidate, proposeUpdateCandidates } from '../index.js';
import type { CandidateInput, PatternCorrelation, UpdateCandidate } from '../index.js';

const wf = buildWorkflow({ version: '2.4.1', nodes: [{ id: 'a' }, { id: 'b', role: 'nurse', timeoutSec: 60 }, { id: 'gate', humanAuthRequired: true }, { id: 'c' }], edges: chain('a', 'b', 'gate', 'c') });
const corr = (over: Partial<PatternCorrelation> = {}): PatternCorrelation => ({ pattern: 'p', runsWith: 4, goodWith: 4, runsWithout: 6, goodWithout: 3, rateWith: 1, rateWithout: 0.5, pValue: 0.2, direction: 'better', ...over });
const input = (over: Partial<CandidateInput>): CandidateInput => ({ pattern: 'p', kind: 'skipped', nodeId: 'b', classification: 'EDGE_CASE', rule: 'r', runIds: ['r1', 'r2', 'r3', 'r4'], correlation: corr(), ...over });
const candidate = (c: Partial<CandidateInput>): UpdateCandidate => {
  const [first] = proposeUpdateCandidates([input(c)]);
  assert.ok(first, 'a candidate was proposed');
  return first;
};

describe('update candidates', () => {
  it('proposes nothing for a potential error that ended worse, and never for a missed approval', () => {
    assert.deepEqual(proposeUpdateCandidates([input({ classification: 'POTENTIAL_ERROR', correlation: corr({ direction: 'worse' }) })]), []);
    assert.deepEqual(proposeUpdateCandidates([input({ kind: 'unauthorised', nodeId: 'gate', classification: 'ORG_NUANCE' })]), []);
  });

  it('remove-step: bridges the step’s neighbours in a new draft', () => {
    const { workflow } = approveUpdateCandidate(wf, candidate({ kind: 'skipped', nodeId: 'b' }));
    assert.deepEqual(workflow?.edges.map((e) => `${e.from}>${e.to}`).sort(), ['a>gate', 'gate>c']);
    assert.deepEqual([workflow?.version, workflow?.status], ['2.5.0', 'draft']);
  });

  it('add-step: places the new step right after its predecessor in the node list and rewires the edges through it', () => {
    const { workflow, diagnostics } = approveUpdateCandidate(wf, candidate({ kind: 'inserted', nodeId: 'verify', after: 'a', before: 'b' }));
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(workflow?.nodes.map((n) => n.id), ['a', 'verify', 'b', 'gate', 'c']);
    assert.deepEqual(workflow?.edges.map((e) => `${e.from}>${e.to}`).sort(), ['a>verify', 'b>gate', 'gate>c', 'verify>b']);
    const last = approveUpdateCandidate(wf, candidate({ kind: 'inserted', nodeId: 'file', after: 'c' })).workflow;
    assert.deepEqual(last?.nodes.map((n) => n.id), ['a', 'b', 'gate', 'c', 'file']);
    assert.deepEqual(wf.nodes.map((n) => n.id), ['a', 'b', 'gate', 'c'], 'the input is unchanged');
  });

  it("bumps the version by the format's one rule, also for short, v-prefixed, pre-release and unreadable versions", () => {
    const next = (version: string) => approveUpdateCandidate({ ...wf, version }, candidate({ kind: 'skipped', nodeId: 'b' })).workflow?.version;
    assert.deepEqual(['v1.4.0', '1.4', '1.3.0-rc.1', '1.2.3abc'].map(next), ['1.5.0', '1.5.0', '1.3.0', '0.1.0']);
  });

  it('refuses to remove an approval step, with a diagnostic, and changes nothing', () => {
    const c: UpdateCandidate = { ...candidate({ kind: 'skipped', nodeId: 'b' }), change: { op: 'remove-step', nodeId: 'gate' } };
    const result = approveUpdateCandidate(wf, c);
    assert.equal(result.workflow, undefined);
    assert.match(result.diagnostics[0].message, /approval/);
    assert.equal(wf.nodes.length, 4);
  });

  it('set-role and set-timeout change only that field of a copy', () => {
    const role = approveUpdateCandidate(wf, candidate({ kind: 'wrong-role', role: 'paramedic' })).workflow;
    assert.equal(role?.nodes.find((n) => n.id === 'b')?.role, 'paramedic');
    const timeout = approveUpdateCandidate(wf, candidate({ kind: 'late', p95Sec: 94.2 })).workflow;
    assert.equal(timeout?.nodes.find((n) => n.id === 'b')?.timeoutSec, 95);
    assert.equal(wf.nodes.find((n) => n.id === 'b')?.timeoutSec, 60);
  });

  it('a candidate about a step the process lacks is refused with a diagnostic', () => {
    const result = approveUpdateCandidate(wf, candidate({ kind: 'wrong-role', nodeId: 'zzz', role: 'x' }));
    assert.equal(result.workflow, undefined);
    assert.equal(result.diagnostics[0].code, 'candidate-not-applicable');
  });
});
