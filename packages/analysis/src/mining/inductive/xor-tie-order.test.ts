import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { discoverProcessTree, formatTree } from '../../index.js';
import { makeLog } from '../../../test-fixtures/make-log.js';

describe('IMf exclusive-choice ties (PM4Py leaves them to PYTHONHASHSEED)', () => {
  // 20 × "a b", 10 × "c d", 3 × "a d". Unfiltered, a→d joins everything and no cut holds; IMf's filter
  // drops a→d (3 ≤ 0.2 · 20, a's strongest outgoing edge), so the xor cut {a,b} | {c,d} holds on the
  // filtered graph. "a d" has one event in each group; PM4Py gives a tie to the *later* group, and
  // its group order comes from a Python set (hash order), so PM4Py answers either way by seed:
  //  - {c,d} later: {c d: 10, d: 3} → ->(c-log {c: 10, ⟨⟩: 3}, d); 3 > 0.2 · 13 → X(tau, c);
  //  - {a,b} later: {a b: 20, a: 3} → ->(a, b-log {b: 20, ⟨⟩: 3}); 3 ≤ 0.2 · 23 → b, and c d stays ->(c, d).
  // We order groups by their alphabetically first activity, so {c,d} is always the later group.
  it('always gives the tied trace to the group whose first activity sorts last', () => {
    const log = makeLog(['20× a b', '10× c d', '3× a d']);
    const tree = formatTree(discoverProcessTree(log, { noiseThreshold: 0.2 }));
    assert.equal(tree, "X( ->( 'a', 'b' ), ->( X( tau, 'c' ), 'd' ) )");
    // Same answer with the cases in another order: the tie does not depend on the input's order.
    assert.equal(formatTree(discoverProcessTree(makeLog(['3× a d', '10× c d', '20× a b']), { noiseThreshold: 0.2 })), tree);
  });
});
