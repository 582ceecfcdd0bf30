import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locateInside } from './locate-inside.js';

describe('locateInside', () => {
  const text = 'edges:\n  - when: "a > > b"\n  - when: x + + y\n  - when: >\n      folded > > text\n';
  it('finds a character inside a quoted or plain one-line scalar', () => {
    assert.deepEqual(locateInside(text, { line: 2, column: 11 }, 'a > > b', 4), { line: 2, column: 16 });
    assert.deepEqual(locateInside(text, { line: 3, column: 11 }, 'x + + y', 4), { line: 3, column: 15 });
  });

  it('keeps the scalar\'s own position when the text does not line up', () => {
    assert.deepEqual(locateInside(text, { line: 4, column: 11 }, 'folded > > text', 9), { line: 4, column: 11 });
    assert.deepEqual(locateInside(undefined, { line: 2, column: 11 }, 'a > > b', 4), { line: 2, column: 11 });
    assert.deepEqual(locateInside(text, { line: 2, column: 11 }, 'a > > b', 0), { line: 2, column: 11 });
    assert.deepEqual(locateInside(text, { line: 99, column: 1 }, 'a', 3), { line: 99, column: 1 });
  });
});
