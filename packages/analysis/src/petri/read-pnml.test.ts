import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPnml, netSize, isLogReadError } from '../index.js';

describe('readPnml', () => {
  it('reads places, visible and $invisible$ transitions, arcs and both markings', () => {
    const net = readPnml(readFileSync(fileURLToPath(new URL('../../test-fixtures/two-step.pnml', import.meta.url)), 'utf8'));
    assert.deepEqual(netSize(net), { places: 3, transitions: 3, silent: 1, arcs: 6 });
    assert.deepEqual(net.initialMarking, [1, 0, 0]);
    assert.deepEqual(net.finalMarking, [0, 0, 1]);
  });

  it('rejects malformed PNML with a position', () => {
    assert.throws(() => readPnml('<pnml><net id="x"><place id="p"></net>'), (err: unknown) => isLogReadError(err) && err.code === 'PNML_MALFORMED');
    assert.throws(() => readPnml('<pnml/>'), { code: 'PNML_MALFORMED' });
  });
});
