import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EDGE_MODES, edgeModeTraits, isControlEdge, isFailurePath } from '../index.js';
import type { EdgeMode, EdgeModeTraits } from '../index.js';

const F = false;
const T = true;
//                          control failure undo  onSuccess fanOut choice loop  pointsBack
const TABLE: Record<EdgeMode, [boolean, boolean, boolean, boolean, boolean, boolean, boolean, boolean]> = {
  sequential: /*       */ [T, F, F, T, F, F, F, F],
  conditional: /*      */ [T, F, F, T, F, T, F, F],
  parallel: /*         */ [T, F, F, T, T, F, F, F],
  fallback: /*         */ [T, T, F, F, F, F, F, T],
  loop: /*             */ [T, F, F, T, F, F, T, T],
  event: /*            */ [T, F, F, T, T, F, F, F],
  error: /*            */ [T, T, F, F, F, F, F, T],
  timeout: /*          */ [T, T, F, F, F, F, F, T],
  spawn: /*            */ [T, F, F, T, T, F, F, F],
  switch: /*           */ [T, F, F, T, F, T, F, F],
  compensation: /*     */ [T, T, T, F, F, F, F, F],
  message: /*          */ [T, F, F, T, T, F, F, F],
  dataflow: /*         */ [F, F, F, F, F, F, F, F],
  signal: /*           */ [T, F, F, T, T, F, F, F],
  weighted: /*         */ [T, F, F, T, F, T, F, F],
};

describe('edgeModeTraits: the one edge-mode rule', () => {
  for (const mode of EDGE_MODES) {
    it(`${mode}`, () => {
      const [control, failurePath, undo, onSuccess, fanOut, choice, loop, mayPointBack] = TABLE[mode];
      const expected: EdgeModeTraits = { control, failurePath, undo, onSuccess, fanOut, choice, loop, mayPointBack };
      assert.deepEqual(edgeModeTraits(mode), expected);
      assert.equal(isFailurePath(mode), failurePath);
    });
  }

  it('isControlEdge is the control trait: every mode but dataflow', () => {
    for (const mode of EDGE_MODES) assert.equal(isControlEdge(mode), edgeModeTraits(mode).control, mode);
    assert.deepEqual(EDGE_MODES.filter((mode) => !isControlEdge(mode)), ['dataflow']);
  });
});
