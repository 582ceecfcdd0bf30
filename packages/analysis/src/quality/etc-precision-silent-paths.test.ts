import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { compileNet, etcPrecision, visibleEventuallyEnabled, visibleReachableThroughSilent, type PetriNet } from '../index.js';
import { makeLog } from '../../test-fixtures/make-log.js';

/**
 * Places p0 q0 p1 q1 end fin; two silent transitions that race: P (p0 → p1) and Q (q0 → q1);
 * visible x needs p0 + q1 (Q fired, P not), y needs p1 + q1 (both fired), z: end → fin.
 * `silentP` / `silentQ` are the silent transitions' names, which decide PM4Py's queue order.
 */
function racingNet(silentP: string, silentQ: string): PetriNet {
  const arc = (direction: 'placeToTransition' | 'transitionToPlace', place: number, transition: number) => ({ direction, place, transition, weight: 1 });
  return {
    places: ['p0', 'q0', 'p1', 'q1', 'end', 'fin'].map((name) => ({ name })),
    transitions: [{ name: silentP, label: null }, { name: silentQ, label: null }, { name: 'x', label: 'x' }, { name: 'y', label: 'y' }, { name: 'z', label: 'z' }],
    arcs: [
      arc('placeToTransition', 0, 0), arc('transitionToPlace', 2, 0),
      arc('placeToTransition', 1, 1), arc('transitionToPlace', 3, 1),
      arc('placeToTransition', 0, 2), arc('placeToTransition', 3, 2), arc('transitionToPlace', 4, 2),
      arc('placeToTransition', 2, 3), arc('placeToTransition', 3, 3), arc('transitionToPlace', 4, 3),
      arc('placeToTransition', 4, 4), arc('transitionToPlace', 5, 4),
    ],
    initialMarking: [1, 1, 0, 0, 0, 0],
    finalMarking: [0, 0, 0, 0, 0, 1],
  };
}

const labels = (net: PetriNet, ts: Set<number>) => [...ts].map((t) => net.transitions[t].label).sort();

describe("ETC precision's visible transitions behind silent ones (PM4Py's search)", () => {
  it('misses x when P sorts first: Q is re-queued with the marking after P, so Q never fires from the initial marking', () => {
    // Queue [P@M0, Q@M0]. P fires: M1 = {p1,q0} enables Q → table[Q] = M1, queue [P, Q, Q].
    // Q (2nd entry) now reads table[Q] = M1 and fires: M2 = {p1,q1} enables y. The 3rd entry (Q, M1) was visited.
    // {p0,q1}, where x is enabled, is never built: PM4Py reports {y}; the exhaustive search {x, y}.
    const net = racingNet('tau_a', 'tau_b');
    const m0 = Int32Array.from(net.initialMarking);
    assert.deepEqual(labels(net, visibleEventuallyEnabled(compileNet(net), m0)), ['y']);
    assert.deepEqual(labels(net, visibleReachableThroughSilent(compileNet(net), m0)), ['x', 'y']);
  });

  it('finds x when Q sorts first, since Q then fires from the initial marking', () => {
    // Queue [Q@M0, P@M0]. Q fires: {p0,q1} enables P and x → x found; P then fires from {p0,q1}: {p1,q1} enables y.
    const net = racingNet('tau_b', 'tau_a');
    assert.deepEqual(labels(net, visibleEventuallyEnabled(compileNet(net), Int32Array.from(net.initialMarking))), ['x', 'y']);
  });

  it('gives precision 1 on two cases "y z" where the exhaustive search gives 1 − 2/6', () => {
    // Weighting the empty prefix by cases (2): PM4Py's search: empty prefix activates {y}, y starts
    // every case → at 2·1, ee 0; prefix "y" (2 cases) activates {z}, observed → at 2, ee 0: 1 − 0/4 = 1.
    // Exhaustive: empty prefix {x, y}, x escapes → at 2·2, ee 2·1; prefix "y": at 2 → 1 − 2/6 = 0.6667.
    const log = makeLog(['2× y z']);
    const net = racingNet('tau_a', 'tau_b');
    assert.equal(etcPrecision(log, net, { emptyPrefixWeight: 'cases' }), 1);
    assert.equal(etcPrecision(log, net, { emptyPrefixWeight: 'cases', enabledSearch: 'exhaustive' }).toFixed(4), (1 - 2 / 6).toFixed(4));
  });
});
