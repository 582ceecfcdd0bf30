import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { conformRun, conformRuns, createPetriNetAligner, createRunRecord, createStepRecord } from '../index.js';
import type { RunRecord, StepRecord } from '../index.js';

/** intake → triage → (amount > 1000: approve →) pay → notify */
const refund = buildWorkflow({
  id: 'refund',
  nodes: [
    { id: 'intake', type: 'human', role: 'clerk' },
    { id: 'triage', type: 'agent', timeoutSec: 60 },
    { id: 'approve', type: 'human', role: 'supervisor', humanAuthRequired: true },
    { id: 'pay', type: 'api' },
    { id: 'notify', type: 'system' },
  ],
  edges: [
    { from: 'intake', to: 'triage' },
    { from: 'triage', to: 'approve', mode: 'conditional', when: 'inputs.amount > 1000' },
    { from: 'triage', to: 'pay', mode: 'conditional', when: 'inputs.amount <= 1000' },
    { from: 'approve', to: 'pay' },
    { from: 'pay', to: 'notify' },
  ],
});

let clock = 0;
function run(ids: (string | Partial<StepRecord> & { nodeId: string })[], amount = 500, runId = 'r'): RunRecord {
  clock = 0;
  const steps = ids.map((x) => {
    const fields = typeof x === 'string' ? { nodeId: x } : x;
    const start = clock;
    clock += (fields.durationMs ?? 10_000);
    return createStepRecord({ startedAt: new Date(start).toISOString(), endedAt: new Date(clock).toISOString(), ...fields });
  });
  return createRunRecord({ runId, workflowId: 'refund', inputs: { amount }, steps });
}
const kinds = (r: RunRecord) => conformRun(refund, r).deviations.map((d) => `${d.kind}:${d.nodeId}`).sort();

describe('conformRun — every deviation class', () => {
  it('finds nothing in a run that follows the process, with fitness 1', () => {
    const c = conformRun(refund, run(['intake', 'triage', 'pay', 'notify']));
    assert.deepEqual(c.deviations, []);
    assert.equal(c.fitness, 1);
    assert.equal(c.finished, true);
  });

  it('skipped: a prescribed step that did not run', () => {
    assert.deepEqual(kinds(run(['intake', 'pay', 'notify'])), ['skipped:triage']);
  });

  it('skipped: a step recorded with status SKIPPED counts as not run', () => {
    assert.deepEqual(kinds(run(['intake', { nodeId: 'triage', status: 'SKIPPED' }, 'pay', 'notify'])), ['skipped:triage']);
  });

  it('inserted: a step that is not in the process', () => {
    assert.deepEqual(kinds(run(['intake', 'triage', 'pay', 'call-customer', 'notify'])), ['inserted:call-customer']);
  });

  it('reordered: two steps swapped', () => {
    const found = kinds(run(['triage', 'intake', 'pay', 'notify']));
    assert.equal(found.length, 1);
    assert.match(found[0], /^reordered:(intake|triage)$/);
  });

  it('repeated: a step done again (rework)', () => {
    const c = conformRun(refund, run(['intake', 'triage', 'triage', 'pay', 'notify']));
    assert.deepEqual(c.deviations.map((d) => [d.kind, d.nodeId, d.traceIndex]), [['repeated', 'triage', 2]]);
    assert.ok((c.fitness ?? 1) < 1);
  });

  it('wrong branch and unauthorised: amount 5000 went straight to pay, bypassing the approval', () => {
    const c = conformRun(refund, run(['intake', 'triage', 'pay', 'notify'], 5000));
    assert.deepEqual(c.deviations.map((d) => `${d.kind}:${d.nodeId}`).sort(), ['unauthorised:approve', 'wrong-branch:pay']);
    const wrong = c.deviations.find((d) => d.kind === 'wrong-branch');
    assert.equal(wrong?.data.when, 'inputs.amount <= 1000');
    assert.equal(wrong?.pattern, 'wrong-branch:triage->pay');
  });

  it('a branch whose condition reads data the record lacks is counted as unjudged, not as a deviation', () => {
    const r = run(['intake', 'triage', 'pay', 'notify']);
    delete r.inputs;
    const c = conformRun(refund, r);
    assert.deepEqual(c.deviations, []);
    assert.equal(c.unjudgedConditions, 1);
  });

  it('unauthorised: the approval step on a mandatory path did not happen', () => {
    const strict = buildWorkflow({ nodes: [{ id: 'a' }, { id: 'approve', humanAuthRequired: true }, { id: 'b' }], edges: chain('a', 'approve', 'b') });
    const c = conformRun(strict, run(['a', 'b']));
    assert.deepEqual(c.deviations.map((d) => `${d.kind}:${d.nodeId}`), ['unauthorised:approve']);
  });

  it('unauthorised: the run carried on after the approval was rejected', () => {
    const c = conformRun(refund, run(['intake', 'triage', { nodeId: 'approve', decision: 'rejected', role: 'supervisor' }, 'pay', 'notify'], 5000));
    assert.deepEqual(c.deviations.map((d) => d.pattern), ['unauthorised:approve:rejected']);
  });

  it('wrong role: the step was done by another role than prescribed', () => {
    const c = conformRun(refund, run([{ nodeId: 'intake', role: 'intern' }, 'triage', 'pay', 'notify']));
    assert.deepEqual(c.deviations.map((d) => [d.kind, d.data.expected, d.data.actual]), [['wrong-role', 'clerk', 'intern']]);
  });

  it('wrong role: a performer named without a role is not compared with the role', () => {
    assert.deepEqual(conformRun(refund, run([{ nodeId: 'intake', resource: 'Dana Whitfield' }, 'triage', 'pay', 'notify'])).deviations, []);
  });

  it('late: the step took longer than its timeout', () => {
    const c = conformRun(refund, run(['intake', { nodeId: 'triage', durationMs: 95_000 }, 'pay', 'notify']));
    assert.deepEqual(c.deviations.map((d) => [d.kind, d.nodeId, d.data.overrunMs]), [['late', 'triage', 35_000]]);
  });
});

describe('conformRun — parallel and loops', () => {
  const par = buildWorkflow({
    nodes: [{ id: 'start' }, { id: 'check-a' }, { id: 'check-b' }, { id: 'decide' }],
    edges: [{ from: 'start', to: 'check-a', mode: 'parallel' }, { from: 'start', to: 'check-b', mode: 'parallel' }, { from: 'check-a', to: 'decide' }, { from: 'check-b', to: 'decide' }],
  });
  it('accepts the parallel branches in either order', () => {
    assert.deepEqual(conformRun(par, run(['start', 'check-a', 'check-b', 'decide'])).deviations, []);
    assert.deepEqual(conformRun(par, run(['start', 'check-b', 'check-a', 'decide'])).deviations, []);
  });
  it('reports a missing branch of an AND join as skipped', () => {
    assert.deepEqual(conformRun(par, run(['start', 'check-a', 'decide'])).deviations.map((d) => d.pattern), ['skipped:check-b']);
  });
  it('accepts repetitions a loop edge allows', () => {
    const loop = buildWorkflow({ nodes: [{ id: 'draft' }, { id: 'review' }, { id: 'publish' }], edges: [...chain('draft', 'review', 'publish'), { from: 'review', to: 'draft', mode: 'loop', when: 'true' }] });
    assert.deepEqual(conformRun(loop, run(['draft', 'review', 'draft', 'review', 'publish'])).deviations, []);
  });
});

describe('conformRuns', () => {
  it('totals deviations by kind and pattern, one alignment per variant', () => {
    const runs = [run(['intake', 'triage', 'pay', 'notify'], 500, 'r1'), run(['intake', 'pay', 'notify'], 500, 'r2'), run(['intake', 'pay', 'notify'], 500, 'r3')];
    const report = conformRuns(refund, runs);
    assert.equal(report.variants, 2);
    assert.equal(report.byKind.skipped, 2);
    assert.deepEqual(report.patterns, [{ pattern: 'skipped:triage', runs: 2 }]);
    assert.ok(report.fitness !== undefined && report.fitness < 1 && report.fitness > 0.5);
  });

  it('stops when the caller says so (a time budget), marking the run not finished', () => {
    const big = buildWorkflow({ nodes: Array.from({ length: 12 }, (_, i) => ({ id: `s${i}` })), edges: Array.from({ length: 11 }, (_, i) => ({ from: 's0', to: `s${i + 1}`, mode: 'parallel' as const })) });
    let asked = 0;
    const report = conformRuns(big, [run(['s0', 'x1', 'x2', 'x3'])], { shouldStop: () => { asked += 1; return true; } });
    assert.equal(report.runs[0].finished, false);
    assert.equal(asked, 1);
  });

  it('marks a run "not finished" when the search budget runs out, never a guessed result', () => {
    const report = conformRuns(refund, [run(['x', 'y', 'z', 'w', 'v', 'u'])], { maxStates: 5 });
    assert.equal(report.notFinished, 1);
    assert.equal(report.runs[0].finished, false);
    assert.equal(report.runs[0].fitness, undefined);
  });
});

describe('conformRun with the mining layer’s A* alignments (createPetriNetAligner)', () => {
  const aligner = createPetriNetAligner(refund);
  const cases: [string, RunRecord][] = [
    ['conforming', run(['intake', 'triage', 'pay', 'notify'])],
    ['skipped', run(['intake', 'pay', 'notify'])],
    ['inserted', run(['intake', 'triage', 'pay', 'call-customer', 'notify'])],
    ['repeated', run(['intake', 'triage', 'triage', 'pay', 'notify'])],
    ['wrong branch and unauthorised', run(['intake', 'triage', 'pay', 'notify'], 5000)],
    ['approval path', run(['intake', 'triage', { nodeId: 'approve', role: 'supervisor' }, 'pay', 'notify'], 5000)],
  ];
  for (const [name, r] of cases) {
    it(`names the same deviations as the graph walk: ${name}`, () => {
      const walk = conformRun(refund, r).deviations.map((d) => d.pattern).sort();
      const astar = conformRun(refund, r, { aligner }).deviations.map((d) => d.pattern).sort();
      assert.deepEqual(astar, walk);
    });
  }
  it('gives the same fitness figures through conformRuns', () => {
    const runs = cases.map(([, r], i) => ({ ...r, runId: `c${i}` }));
    assert.equal(conformRuns(refund, runs, { aligner }).fitness, conformRuns(refund, runs).fitness);
  });
});

describe('branch conditions reading `outputs.<name>` (the outputs of the edge’s source step)', () => {
  const scored = buildWorkflow({
    id: 'scored',
    nodes: [{ id: 'intake' }, { id: 'score' }, { id: 'review', type: 'human' }, { id: 'pay' }],
    edges: [
      { from: 'intake', to: 'score' },
      { from: 'score', to: 'review', mode: 'conditional', when: 'outputs.risk > 0.5' },
      { from: 'score', to: 'pay', mode: 'conditional', when: 'outputs.risk <= 0.5' },
      { from: 'review', to: 'pay' },
    ],
  });
  const scoredRun = (risk: number, path: string[]): RunRecord => createRunRecord({
    runId: `risk-${risk}`,
    steps: path.map((id, i) => createStepRecord({
      nodeId: id, endedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
      // intake also records a `risk`, so judging against any step but the source would give the other answer.
      outputs: id === 'score' ? { risk } : id === 'intake' ? { risk: 1 - risk } : {},
    })),
  });
  it('judges the condition on the source step’s outputs: a conforming run has no deviation and nothing unjudged', () => {
    const c = conformRun(scored, scoredRun(0.9, ['intake', 'score', 'review', 'pay']));
    assert.deepEqual([c.deviations.length, c.unjudgedConditions], [0, 0]);
  });
  it('names a wrong branch when the source step’s outputs say the other way', () => {
    const c = conformRun(scored, scoredRun(0.9, ['intake', 'score', 'pay']));
    assert.deepEqual(c.deviations.map((d) => `${d.kind}:${d.nodeId}`).sort(), ['wrong-branch:pay']);
    assert.equal(c.unjudgedConditions, 0);
  });
});
