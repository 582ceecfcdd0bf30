import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { load } from 'js-yaml';
import { CORE_SCHEMA } from 'js-yaml';
import { LineCounter, parseDocument } from 'yaml';
import { createFastLocator, createSpanRecorder } from './create-fast-locator.js';
import { createLocator } from './create-locator.js';

const TRICKY = `# leading comment
osop_version: "1.0"   # trailing
id: tricky
nodes:
  - id: a
    runtime: { id: inner, tools: [x, "y", z] }
    type: human
    "quoted key": 1
  -   # comment before the mapping
    id: b
    inputs:
      - name
      - { name: other, id: nested-id }
    id_suffix: no
edges: [{from: a, to: b}, {from: b, to: a, when: "x: y"}]
tags:
  - one
  - two
`;

function allPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out = [path];
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...allPaths(child, [...path, Array.isArray(value) ? Number(key) : key]));
    if (!Array.isArray(value)) out.push([...path, 'absent']);
  }
  return out;
}

describe('createFastLocator', () => {
  it('places every value and key exactly where the yaml library does', () => {
    const recorder = createSpanRecorder(TRICKY);
    const data = load(TRICKY, { schema: CORE_SCHEMA, listener: recorder.listener as never });
    const fast = createFastLocator(TRICKY, data, recorder.spans);
    const lineCounter = new LineCounter();
    const exact = createLocator(parseDocument(TRICKY, { lineCounter }), lineCounter);
    for (const path of allPaths(data)) {
      assert.deepEqual(fast.locate(path), exact.locate(path), `locate ${JSON.stringify(path)}`);
      if (path[path.length - 1] !== 'absent') assert.deepEqual(fast.locateKey(path), exact.locateKey(path), `locateKey ${JSON.stringify(path)}`);
    }
  });

  it('finds a key in its own mapping, not in a nested one', () => {
    const recorder = createSpanRecorder(TRICKY);
    const data = load(TRICKY, { schema: CORE_SCHEMA, listener: recorder.listener as never });
    const fast = createFastLocator(TRICKY, data, recorder.spans);
    assert.deepEqual(fast.locateKey(['nodes', 0, 'id']), { line: 5, column: 5 });
    assert.deepEqual(fast.locateKey(['nodes', 1, 'id']), { line: 10, column: 5 });
  });
});
