import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverProcessTree, etcPrecision, generalization, simplicity, treeToPetriNet, mineLog, netSize } from '../index.js';
import type { PetriNet } from '../index.js';
import { makeLog } from '../../test-fixtures/make-log.js';

/** A flower model: one place, every activity loops on it. */
function flower(labels: string[]): PetriNet {
  return {
    places: [{ name: 'p' }, { name: 'end' }],
    transitions: [...labels.map((l) => ({ name: l, label: l })), { name: 'stop', label: null }],
    arcs: [
      ...labels.flatMap((_, t) => [
        { direction: 'placeToTransition' as const, place: 0, transition: t, weight: 1 },
        { direction: 'transitionToPlace' as const, place: 0, transition: t, weight: 1 },
      ]),
      { direction: 'placeToTransition', place: 0, transition: labels.length, weight: 1 },
      { direction: 'transitionToPlace', place: 1, transition: labels.length, weight: 1 },
    ],
    initialMarking: [1, 0],
    finalMarking: [0, 1],
  };
}

describe('quality figures', () => {
  const log = makeLog(['5× a b c', '3× a c b']);
  const mined = treeToPetriNet(discoverProcessTree(log));

  it('ETC precision is 1 for a model allowing exactly the log and lower for a flower model', () => {
    const seq = treeToPetriNet(discoverProcessTree(makeLog(['a b c'])));
    assert.equal(etcPrecision(makeLog(['a b c']), seq), 1);
    const p = etcPrecision(log, flower(['a', 'b', 'c']));
    assert.ok(p < 0.7, String(p));
    assert.ok(etcPrecision(log, mined) > p);
  });

  it('generalization grows with how often transitions are used', () => {
    const small = generalization(makeLog(['a b c']), mined);
    const large = generalization(makeLog(['50× a b c', '50× a c b']), mined);
    assert.ok(large > small, `${large} > ${small}`);
  });

  it('simplicity is 1 / (1 + max(mean arc degree − 2, 0))', () => {
    const { places, transitions, arcs } = netSize(mined);
    assert.equal(simplicity(mined), 1 / (1 + Math.max((2 * arcs) / (places + transitions) - 2, 0)));
    assert.equal(simplicity(flower(['a'])), 1 / (1 + (2 * 4) / 4 - 2 + 0));
  });

  it('mineLog reports the figures the CLI prints', () => {
    const { report } = mineLog(log, { miner: 'imf', metrics: true });
    assert.equal(report.cases, 8);
    assert.equal(report.events, 24);
    assert.equal(report.variants, 2);
    assert.equal(report.fitness?.tbr, 1);
    assert.ok(report.fitness!.alignments > 0.9999, 'only silent-move costs (1 per tau) keep it below 1, as in PM4Py');
    assert.equal(report.fitness?.alignmentDetail.percentageFittingTraces, 100);
    assert.ok(report.precision! > 0 && report.precision! <= 1);
  });
});
