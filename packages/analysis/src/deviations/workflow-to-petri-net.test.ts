import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { alignLog, conformRun, createPetriNetAligner, createRunRecord, createStepRecord, eventLogToRecords, recordsToConformanceLog, recordsToEventLog, tokenReplayFitness, workflowToPetriNet } from '../index.js';

const wf = buildWorkflow({
  nodes: [{ id: 'start' }, { id: 'check-a' }, { id: 'check-b' }, { id: 'route', type: 'gateway' }, { id: 'pay' }, { id: 'reject' }],
  edges: [
    { from: 'start', to: 'check-a', mode: 'parallel' }, { from: 'start', to: 'check-b', mode: 'parallel' },
    { from: 'check-a', to: 'route' }, { from: 'check-b', to: 'route' },
    { from: 'route', to: 'pay', mode: 'conditional', when: 'ok' }, { from: 'route', to: 'reject', mode: 'conditional', when: '!ok' },
  ],
});
const run = (id: string, steps: string[]) => createRunRecord({ runId: id, steps: steps.map((s, i) => createStepRecord({ nodeId: s, endedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(), role: 'clerk' })) });

describe('workflowToPetriNet with the mining layer’s replay and alignments', () => {
  const net = workflowToPetriNet(wf);
  it('accepts the prescribed behaviour (both parallel orders, both branches) with fitness 1', () => {
    const log = recordsToEventLog([run('a', ['start', 'check-a', 'check-b', 'pay']), run('b', ['start', 'check-b', 'check-a', 'reject'])], { activityKey: 'nodeId' });
    assert.equal(tokenReplayFitness(log, net).logFitness, 1);
    const aligned = alignLog(log, net);
    assert.equal(aligned.percentageFittingTraces, 100);
    assert.equal(aligned.averageTraceFitness, 1);
    assert.equal(net.transitions.filter((t) => t.label === null).length, 2);
    assert.deepEqual(net.transitions.filter((t) => t.label !== null).map((t) => t.label), ['start', 'check-a', 'check-b', 'pay', 'reject']);
  });
  it('charges a skipped branch of the AND join', () => {
    const log = recordsToEventLog([run('c', ['start', 'check-a', 'pay'])], { activityKey: 'nodeId' });
    assert.ok(alignLog(log, net).averageTraceFitness < 1);
    assert.ok(tokenReplayFitness(log, net).logFitness < 1);
  });
  it('round-trips records through the event log', () => {
    const log = recordsToEventLog([run('a', ['start', 'check-a', 'check-a'])]);
    assert.deepEqual([log.cases[0].id, log.activities, log.resources], ['a', ['start', 'check-a'], ['clerk']]);
    const back = eventLogToRecords(log);
    assert.deepEqual(back[0].steps.map((s) => [s.nodeId, s.attempt, s.role]), [['start', 1, 'clerk'], ['check-a', 1, 'clerk'], ['check-a', 2, 'clerk']]);
  });
});

/** A gateway, and a step (`decide`) with two ways in and two ways out. */
const routed = buildWorkflow({
  nodes: [{ id: 'intake' }, { id: 'triage', type: 'gateway' }, { id: 'fast' }, { id: 'review', type: 'human' }, { id: 'decide' }, { id: 'pay' }, { id: 'reject' }, { id: 'close' }],
  edges: [
    { from: 'intake', to: 'triage' },
    { from: 'triage', to: 'fast', mode: 'conditional', when: 'amount < 100' }, { from: 'triage', to: 'review', mode: 'conditional', when: 'amount >= 100' },
    { from: 'fast', to: 'decide' }, { from: 'review', to: 'decide' },
    { from: 'decide', to: 'pay', mode: 'conditional', when: 'ok' }, { from: 'decide', to: 'reject', mode: 'conditional', when: '!ok' },
    { from: 'pay', to: 'close' }, { from: 'reject', to: 'close' },
  ],
});
const conforming = [
  run('c1', ['intake', 'triage', 'fast', 'decide', 'pay', 'close']),
  run('c2', ['intake', 'triage', 'review', 'decide', 'reject', 'close']),
  run('c3', ['intake', 'fast', 'decide', 'pay', 'close']),
];

describe('workflowToPetriNet: one visible transition per step, silent routing around it', () => {
  const net = workflowToPetriNet(routed);
  it('labels every step exactly once and keeps the gateway silent', () => {
    const labels = net.transitions.map((t) => t.label).filter((l) => l !== null);
    assert.deepEqual(labels, ['intake', 'fast', 'review', 'decide', 'pay', 'reject', 'close']);
    assert.ok(!labels.includes('triage'));
    const silent = net.transitions.filter((t) => t.label === null).map((t) => t.name);
    assert.deepEqual(silent, ['triage#0', 'triage#1', 'decide#in0', 'decide#in1', 'decide#out0', 'decide#out1', 'close#in0', 'close#in1']);
  });
  it('replays and aligns conforming runs (with or without the gateway step recorded) at 1.0', () => {
    const log = recordsToConformanceLog(routed, conforming);
    assert.deepEqual(log.activities.includes('triage'), false);
    assert.equal(tokenReplayFitness(log, net).logFitness, 1);
    const aligned = alignLog(log, net);
    assert.equal(aligned.averageTraceFitness, 1);
    assert.equal(aligned.percentageFittingTraces, 100);
    // PM4Py's log fitness counts each silent move as cost 1 of 10,000 per move, so it rounds to 1.
    assert.equal(aligned.logFitness.toFixed(4), '1.0000');
  });
  it('charges the gateway step as a log move when it is not dropped (why recordsToConformanceLog drops it)', () => {
    const log = recordsToEventLog([conforming[0]], { activityKey: 'nodeId' });
    assert.ok(alignLog(log, net).averageTraceFitness < 1);
  });
  it('still charges a skipped step in both replay and alignments', () => {
    const log = recordsToConformanceLog(routed, [run('s', ['intake', 'triage', 'decide', 'pay', 'close'])]);
    const tbr = tokenReplayFitness(log, net).logFitness;
    const aligned = alignLog(log, net);
    assert.ok(tbr < 1, String(tbr));
    assert.ok(aligned.averageTraceFitness < 1, String(aligned.averageTraceFitness));
  });
  it('names the skipped step through the Petri-net aligner and reads gateway steps back as free moves', () => {
    const aligner = createPetriNetAligner(routed);
    const ok = aligner(['intake', 'triage', 'review', 'decide', 'reject', 'close']);
    assert.deepEqual([ok.finished, ok.cost], [true, 0]);
    assert.deepEqual(ok.moves.filter((m) => m.type === 'sync').map((m) => m.type === 'sync' && [m.nodeId, m.traceIndex]), [['intake', 0], ['triage', 1], ['review', 2], ['decide', 3], ['reject', 4], ['close', 5]]);
    const skipped = conformRun(routed, run('s', ['intake', 'triage', 'decide', 'pay', 'close']), { aligner });
    assert.equal(skipped.deviations.filter((d) => d.kind === 'skipped').length, 1);
  });
});
