import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverHeuristicsNet, mineLog } from '../../index.js';
import { makeLog } from '../../../test-fixtures/make-log.js';

// a, then b and c in either order, then d: the textbook AND split/join.
const log = makeLog(['2× a b c d', '2× a c b d']);

describe('heuristics and alpha miners', () => {
  it('finds the AND split after a and the AND join before d with PM4Py\'s measures', () => {
    // dependency a→b = (2 − 0) / (2 + 0 + 1) = 0.667 ≥ 0.5; b→c = (2 − 2) / 5 = 0, so no arc between b and c;
    // AND out of a: (|b>c| + |c>b|) / (|a>b| + |a>c| + 1) = 4 / 5 = 0.8 ≥ 0.65; the same into d.
    const heu = discoverHeuristicsNet(log);
    assert.deepEqual([...heu.outputs.get('a')!.keys()], ['b', 'c']);
    assert.equal(heu.outputs.get('b')!.has('c'), false);
    assert.equal(heu.andOut.get('a')!.get('b')!.get('c'), 0.8);
    assert.equal(heu.andIn.get('d')!.get('b')!.get('c'), 0.8);
  });

  it('mines nets that replay the log perfectly and allow nothing else', () => {
    for (const miner of ['heuristics', 'alpha'] as const) {
      const { report } = mineLog(log, { miner, metrics: true });
      assert.equal(report.fitness?.tbr, 1, miner);
      assert.equal(report.precision, 1, miner);
      assert.equal(report.tree, undefined);
    }
    // Alpha: places start, end and the maximal pairs ({a},{b}), ({a},{c}), ({b},{d}), ({c},{d}).
    assert.deepEqual([mineLog(log, { miner: 'alpha' }).report.places, mineLog(log, { miner: 'alpha' }).report.transitions], [6, 4]);
  });
});
