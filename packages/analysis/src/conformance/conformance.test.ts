import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  alignLog, alignTrace, compileNet, createAlignSetup, discoverProcessTree, readPnml, tokenReplayFitness, treeToPetriNet,
} from '../index.js';
import { makeLog } from '../../test-fixtures/make-log.js';

const model = treeToPetriNet(discoverProcessTree(makeLog(['a b c d', 'a c b d', 'a b c d'])));
const pnml = readPnml(readFileSync(fileURLToPath(new URL('../../test-fixtures/two-step.pnml', import.meta.url)), 'utf8'));

describe('tokenReplayFitness', () => {
  it('is 1 for a log that fits perfectly', () => {
    const fit = tokenReplayFitness(makeLog(['a b c d', 'a c b d']), model);
    assert.equal(fit.logFitness, 1);
    assert.equal(fit.percentageFittingTraces, 100);
    assert.equal(fit.missing, 0);
  });

  it('counts missing and remaining tokens for a skipped activity', () => {
    const fit = tokenReplayFitness(makeLog(['a b d']), model);
    assert.ok(fit.logFitness < 1);
    assert.equal(fit.percentageFittingTraces, 0);
    assert.equal(fit.missing, 1);
    assert.equal(fit.remaining, 1);
  });

  it('walks through silent transitions to enable the next activity', () => {
    const fit = tokenReplayFitness(makeLog(['receive', 'receive assess']), pnml);
    assert.equal(fit.logFitness, 1);
  });
});

describe('alignments', () => {
  const setup = createAlignSetup(compileNet(model));

  it('aligns a fitting trace with synchronous moves only', () => {
    const r = alignTrace(setup, ['a', 'c', 'b', 'd']);
    assert.equal(r.finished, true);
    assert.ok(r.cost < 10_000, `cost ${r.cost} includes only silent moves`);
    assert.deepEqual(r.moves.filter((m) => m.type !== 'silent').map((m) => m.type), ['sync', 'sync', 'sync', 'sync']);
  });

  it('reports a skipped activity as a model move', () => {
    const r = alignTrace(setup, ['a', 'b', 'd']);
    assert.equal(Math.floor(r.cost / 10_000), 1);
    assert.deepEqual(r.moves.filter((m) => m.type === 'model').map((m) => m.type === 'model' && m.activity), ['c']);
  });

  it('reports an inserted activity as a log move', () => {
    const r = alignTrace(setup, ['a', 'b', 'x', 'c', 'd']);
    assert.equal(Math.floor(r.cost / 10_000), 1);
    assert.deepEqual(r.moves.filter((m) => m.type === 'log').map((m) => m.type === 'log' && m.activity), ['x']);
  });

  it('computes log fitness as 1 − cost / best-worst cost, per variant', () => {
    const result = alignLog(makeLog(['2× a b c d', 'a b d']), setup);
    assert.equal(result.variants.length, 2);
    assert.equal(result.percentageFittingTraces, (100 * 2) / 3);
    assert.ok(result.logFitness > 0.9 && result.logFitness < 1, String(result.logFitness));
    const bad = result.variants.find((v) => v.trace.length === 3)!;
    assert.equal(bad.fitness, 1 - 1 / (3 + 4));
  });

  it('marks a trace as not finished when the budget runs out, without a cost', () => {
    const r = alignTrace(setup, ['d', 'c', 'b', 'a', 'd', 'c', 'b', 'a'], { maxExpanded: 3 });
    assert.equal(r.finished, false);
    assert.ok(Number.isNaN(r.cost));
    let clock = 0;
    const timed = alignTrace(setup, ['d', 'c', 'b', 'a', 'x', 'y'], { maxMillis: 5, now: () => (clock += 10) });
    assert.equal(timed.finished, false);
    const log = alignLog(makeLog(['a b c d', 'd c b a d c b a']), setup, { maxExpanded: 10 });
    assert.equal(log.unfinishedCases, 1);
    assert.equal(log.logFitness, 1);
  });
});
