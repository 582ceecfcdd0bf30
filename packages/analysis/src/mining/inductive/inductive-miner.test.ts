import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverProcessTree, formatTree, treeToPetriNet, netSize, discoverDfg, discoverVariants } from '../../index.js';
import { makeLog } from '../../../test-fixtures/make-log.js';

const mine = (traces: string[], noise = 0) => formatTree(discoverProcessTree(makeLog(traces), { noiseThreshold: noise }));

describe('discoverProcessTree (IM)', () => {
  it('finds a sequence', () => {
    assert.equal(mine(['a b c', 'a b c']), "->( 'a', 'b', 'c' )");
  });

  it('finds an exclusive choice', () => {
    assert.equal(mine(['a b d', 'a c d']), "->( 'a', X( 'b', 'c' ), 'd' )".replace("X( 'b', 'c' )", mine(['b', 'c'])));
    assert.match(mine(['b', 'c']), /^X\( '(b|c)', '(b|c)' \)$/);
  });

  it('finds concurrency', () => {
    assert.match(mine(['a b c d', 'a c b d']), /^->\( 'a', \+\( '(b|c)', '(b|c)' \), 'd' \)$/);
  });

  it('finds a loop with its redo part', () => {
    assert.equal(mine(['a b c', 'a b x b c', 'a b x b x b c']), "->( 'a', *( 'b', 'x' ), 'c' )");
  });

  it('makes a skippable activity an exclusive choice with tau', () => {
    assert.equal(mine(['a b c', 'a c']), "->( 'a', X( tau, 'b' ), 'c' )");
  });

  it('mines a trivial model from a log with one activity', () => {
    assert.equal(mine(['a', 'a']), "'a'");
    assert.equal(mine(['a', 'a a']), "*( 'a', tau )");
  });

  it('falls back to the flower model when nothing else holds', () => {
    const tree = mine(['a b c', 'b c a', 'c a b', 'a c b', 'b a c c', 'c b a a']);
    assert.ok(tree.includes('*('), tree);
  });
});

describe('discoverProcessTree (IMf)', () => {
  it('filters infrequent directly-follows edges when no cut holds on the full graph', () => {
    const traces = ['20× a b c', '1× a b a c'];
    assert.notEqual(mine(traces), "->( 'a', 'b', 'c' )", 'IM must keep the rare repetition of a');
    assert.equal(mine(traces, 0.2), "->( 'a', 'b', 'c' )");
  });

  it('tries the unfiltered graph first, as PM4Py does', () => {
    assert.equal(mine(['20× a b c', '1× a c b'], 0.2), "->( 'a', +( 'c', 'b' ) )");
  });

  it('keeps empty traces as a skip only when they are frequent', () => {
    const log = makeLog(['10× a b']);
    assert.equal(formatTree(discoverProcessTree(log, { noiseThreshold: 0.2 })), "->( 'a', 'b' )");
  });
});

describe('treeToPetriNet', () => {
  it('counts places and transitions like PM4Py (running-example shape: 9 places, 10 transitions, 2 silent)', () => {
    const log = makeLog([
      'register casual check decide reinit thorough check decide pay',
      'register check casual decide pay',
      'register thorough check decide reject',
      'register casual check decide pay',
      'register casual check decide reinit check casual decide reinit casual check decide reject',
      'register check thorough decide reject',
    ]);
    const size = netSize(treeToPetriNet(discoverProcessTree(log)));
    assert.deepEqual(size, { places: 9, transitions: 10, silent: 2, arcs: 22 });
  });
});

describe('discoverDfg and discoverVariants', () => {
  it('counts edges, start/end activities and durations; sorts variants by frequency', () => {
    const log = makeLog(['3× a b', 'a c']);
    const dfg = discoverDfg(log);
    const ab = dfg.edges.find((e) => e.from === 'a' && e.to === 'b')!;
    assert.equal(ab.count, 3);
    assert.equal(ab.meanMs, 3_600_000);
    assert.equal(ab.medianMs, 3_600_000);
    assert.equal(dfg.startActivities.get('a'), 4);
    assert.equal(dfg.endActivities.get('c'), 1);
    const variants = discoverVariants(log);
    assert.deepEqual(variants.map((v) => [v.activities.join(' '), v.count]), [['a b', 3], ['a c', 1]]);
  });
});
