import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildWorkflow, chain } from '../../test-fixtures/workflow-builder.js';
import { alignLog, createRunRecord, createStepRecord, eventLogToRecords, recordsToEventLog, tokenReplayFitness, workflowToPetriNet } from '../index.js';

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
