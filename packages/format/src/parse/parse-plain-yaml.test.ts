import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CORE_SCHEMA, load } from 'js-yaml';
import { parsePlainYaml } from './parse-plain-yaml.js';

/** A flow-per-line workflow like bench/validate's generated one. */
const generated = (count: number): string => [
  'osop_version: "1.1"', 'id: generated', 'name: Generated workflow', 'version: 1.0.0', 'inputs:', '  - { name: amount, type: int }', 'nodes:',
  ...Array.from({ length: count }, (_, i) => `  - { id: n${i}, type: ${i % 2 ? 'cli' : 'human'}, name: Step 0.${i}, timeout_sec: 60, runtime: { command: [echo, ok] } }`),
  'edges:',
  ...Array.from({ length: count - 1 }, (_, i) => `  - { from: n${i}, to: n${i + 1}, mode: conditional, when: "inputs.amount > ${i}" }`),
].join('\n') + '\n';

const jsYaml = (text: string): unknown => {
  try {
    return load(text, { schema: CORE_SCHEMA });
  } catch {
    return 'refused';
  }
};

test('reads a generated flow-per-line workflow exactly as js-yaml does', () => {
  const text = generated(300);
  const data = parsePlainYaml(text);
  assert.ok(data !== undefined);
  assert.deepEqual(data, jsYaml(text));
});

test('types scalars as the YAML core schema does', () => {
  const text = 'a: 12\nb: 0\nc: 1.0.0\nd: "1.1"\ne: Step 0.1 a-b/c\nf: [x, 3, { g: [] }, {}]\nlist:\n- one\n- { h: "x > 1" }\n';
  assert.deepEqual(parsePlainYaml(text), jsYaml(text));
  assert.deepEqual(parsePlainYaml(text), { a: 12, b: 0, c: '1.0.0', d: '1.1', e: 'Step 0.1 a-b/c', f: ['x', 3, { g: [] }, {}], list: ['one', { h: 'x > 1' }] });
});

test('leaves everything outside its subset to js-yaml', () => {
  const outside = [
    'a: true', 'a: null', 'a: 1.5', 'a: 012', 'a: -1', 'a: 0x1f', 'a: 1_000', 'a: ~', "a: 'x'", 'a: "x\\ny"', 'a: x # c',
    'a: x\na: y', 'a: { b: 1, b: 2 }', 'a:\n  b: 1', 'a:\n  - x\n   - y', 'a: &x 1', 'a: *x', 'a: !!str 1', 'a: |\n  x',
    '---\na: 1', 'a: x\r\nb: y', 'a:\tx', 'a: x  y', '__proto__: 1', '"a": 1', 'a: { b:1 }', 'a: [x', 'a:', 'a: b: c',
    'a: "é"', 'a: -x', 'a: { b: [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]] }', 'a:\n- x\n  y',
  ];
  for (const text of outside) assert.equal(parsePlainYaml(text), undefined, text);
});

test('whatever it accepts from mutated documents equals js-yaml data', () => {
  const base = generated(12);
  const pieces = [' ', '\n', ':', ',', '{', '}', '[', ']', '-', '"', '#', '1', '0', '.', 'true', 'x: ', '  - ', '\t'];
  let seed = 7;
  const random = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
  let accepted = 0;
  for (let i = 0; i < 1500; i++) {
    const at = random(base.length);
    const mutated = random(2) === 0
      ? base.slice(0, at) + pieces[random(pieces.length)] + base.slice(at)
      : base.slice(0, at) + base.slice(at + 1 + random(3));
    const data = parsePlainYaml(mutated);
    if (data === undefined) continue;
    accepted++;
    assert.deepEqual(data, jsYaml(mutated), JSON.stringify(mutated.slice(Math.max(0, at - 40), at + 40)));
  }
  assert.ok(accepted > 100, `only ${accepted} mutations accepted`);
});
