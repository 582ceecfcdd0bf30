import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { alignLog, createLogBuilder, discoverAlphaNet, mineLog, treeToPetriNet, discoverProcessTree, type EventLog } from '../index.js';
import { isMarkingEquationFeasible } from '../petri/marking-equation.js';

function logOf(traces: string[][]): EventLog {
  const b = createLogBuilder();
  traces.forEach((t, i) => b.addCase({ id: String(i + 1), attributes: {}, events: t.map((activity) => ({ activity, timestamp: NaN })) }));
  return b.build();
}

describe('alignments on a net that cannot reach its final marking', () => {
  // Alpha on {abc, a}: a and c both end cases, so both put a token in `end`; with a→b→c the marking
  // equation gives x_a = x_b = x_c = 1 and then end = x_a + x_c = 2 ≠ 1: no run ends in [end].
  const log = logOf([['a', 'b', 'c'], ['a', 'b', 'c'], ['a']]);

  it('reports the net as not easy sound with NaN figures, as PM4Py refuses to align it', () => {
    const net = discoverAlphaNet(log);
    assert.equal(isMarkingEquationFeasible(net), false);
    const r = alignLog(log, net);
    assert.equal(r.easySound, false);
    assert.ok(Number.isNaN(r.logFitness));
    assert.equal(r.unfinishedCases, 3);
    const { report } = mineLog(log, { miner: 'alpha', metrics: true });
    assert.match(report.alignmentsRefused ?? '', /not easy sound/);
    assert.ok(Number.isNaN(report.fitness!.alignments));
  });

  it('still aligns a sound net (the marking equation has a solution)', () => {
    const net = treeToPetriNet(discoverProcessTree(log));
    assert.equal(isMarkingEquationFeasible(net), true);
    const r = alignLog(log, net);
    assert.equal(r.easySound, true);
    assert.ok(r.logFitness > 0.99);
    assert.equal(isMarkingEquationFeasible(discoverAlphaNet(logOf([['a', 'b', 'd'], ['a', 'c', 'd']]))), true);
  });
});
