import type { PetriNet } from './petri-net.js';

/**
 * True when the marking equation `final = initial + A·x` has a real solution x ≥ 0 — a necessary
 * condition for the final marking to be reachable. PM4Py's easy-soundness check (`explore_path`,
 * run before every alignment) prunes with this LP, so a net where it fails is "not easy sound" there
 * and PM4Py refuses to align it. Phase-one simplex with Bland's rule. Pure.
 */
export function isMarkingEquationFeasible(net: PetriNet): boolean {
  const P = net.places.length;
  const T = net.transitions.length;
  const a = Array.from({ length: P }, () => new Float64Array(T));
  for (const arc of net.arcs) a[arc.place][arc.transition] += arc.direction === 'transitionToPlace' ? arc.weight : -arc.weight;
  // Tableau rows: [A | I | b] with b ≥ 0; artificial variables T..T+P-1 start in the basis.
  const width = T + P + 1;
  const rows = a.map((row, p) => {
    const b = (net.finalMarking[p] ?? 0) - (net.initialMarking[p] ?? 0);
    const sign = b < 0 ? -1 : 1;
    const r = new Float64Array(width);
    for (let t = 0; t < T; t++) r[t] = sign * row[t];
    r[T + p] = 1;
    r[width - 1] = sign * b;
    return r;
  });
  const basis = Array.from({ length: P }, (_, p) => T + p);
  // Objective: minimise Σ artificials; reduced costs = −Σ rows over the original columns.
  const cost = new Float64Array(width);
  for (const r of rows) for (let j = 0; j < T; j++) cost[j] -= r[j];
  for (const r of rows) cost[width - 1] -= r[width - 1];
  const EPS = 1e-9;
  for (let iter = 0; iter < 50_000; iter++) {
    let enter = -1;
    for (let j = 0; j < T + P; j++) if (cost[j] < -EPS) { enter = j; break; }
    if (enter < 0) break;
    let leave = -1;
    let ratio = Infinity;
    for (let i = 0; i < P; i++) {
      if (rows[i][enter] <= EPS) continue;
      const q = rows[i][width - 1] / rows[i][enter];
      if (q < ratio - EPS || (Math.abs(q - ratio) <= EPS && basis[i] < basis[leave])) { ratio = q; leave = i; }
    }
    if (leave < 0) break; // unbounded direction cannot occur in phase one (objective ≥ 0)
    const pivot = rows[leave];
    const pv = pivot[enter];
    for (let j = 0; j < width; j++) pivot[j] /= pv;
    for (let i = 0; i < P; i++) {
      if (i === leave || rows[i][enter] === 0) continue;
      const f = rows[i][enter];
      for (let j = 0; j < width; j++) rows[i][j] -= f * pivot[j];
    }
    const f = cost[enter];
    for (let j = 0; j < width; j++) cost[j] -= f * pivot[j];
    basis[leave] = enter;
  }
  return -cost[width - 1] <= 1e-7;
}
