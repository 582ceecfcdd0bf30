import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLogBuilder, discoverProcessTree, formatTree, type EventLog } from '../../index.js';

/**
 * 27 cases, in this file order: 10 × "a b" (ids m01…), 10 × "b a" (n01…), 1 × "a" (b1), 6 × "a a" (a1…).
 * Sorted by case id the order is a1…a6, b1, m…, n…, so the variants are first seen as
 * "a a", "a", "a b", "b a" instead of "a b", "b a", "a", "a a".
 */
function racingLog(withTimestamps: boolean): EventLog {
  const builder = createLogBuilder();
  let k = 0;
  const add = (prefix: string, n: number, acts: string[]) => {
    for (let i = 1; i <= n; i++) {
      k++;
      builder.addCase({
        id: `${prefix}${n > 9 ? String(i).padStart(2, '0') : i}`,
        attributes: {},
        events: acts.map((activity, j) => ({ activity, timestamp: withTimestamps ? Date.UTC(2024, 0, k, j) : Number.NaN })),
      });
    }
  };
  add('m', 10, ['a', 'b']);
  add('n', 10, ['b', 'a']);
  add('b', 1, ['a']);
  add('a', 6, ['a', 'a']);
  return builder.build();
}

describe('IMf variant order (PM4Py keeps the last count when projections collide)', () => {
  // The DFG has a→b, b→a (10 each) and a→a; a and b start and end traces, so the concurrency cut
  // {a} | {b} holds. Projected on {b}, "a" and "a a" both become the empty trace and PM4Py assigns
  // rather than adds, so the empty trace keeps the count of whichever of them comes last:
  //  - file order ("a" then "a a"): {b: 10, ⟨⟩: 6}; 6 of 16 traces empty > 0.2 · 16 → X(tau, b);
  //  - case-id order ("a a" then "a"): {⟨⟩: 1, b: 10}; 1 of 11 ≤ 0.2 · 11 → empty traces dropped → b.
  // Projected on {a}, both orders give {a, a a} and a strict tau loop: *(a, tau).
  it('uses file order for a log without timestamps (PM4Py EventLog path)', () => {
    assert.equal(formatTree(discoverProcessTree(racingLog(false), { noiseThreshold: 0.2 })), "+( *( 'a', tau ), X( tau, 'b' ) )");
  });

  it('sorts cases by id for a log with timestamps (PM4Py DataFrame path)', () => {
    assert.equal(formatTree(discoverProcessTree(racingLog(true), { noiseThreshold: 0.2 })), "+( *( 'a', tau ), 'b' )");
  });

  it('follows an explicit variantOrder whatever the timestamps', () => {
    assert.equal(formatTree(discoverProcessTree(racingLog(true), { noiseThreshold: 0.2, variantOrder: 'file' })), "+( *( 'a', tau ), X( tau, 'b' ) )");
    assert.equal(formatTree(discoverProcessTree(racingLog(false), { noiseThreshold: 0.2, variantOrder: 'case-id' })), "+( *( 'a', tau ), 'b' )");
  });
});
