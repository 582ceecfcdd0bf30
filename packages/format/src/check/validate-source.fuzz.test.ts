import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatSource, loadWorkflow, validateSource, type CompatLevel } from '../index.js';

// Feeds a few thousand mutated documents through validateSource (and the loaders) and checks the
// contract: never throws, always a report, every error positioned at line >= 1, valid <=> no errors.
const dir = new URL('../../../../conformance/format/', import.meta.url);
const seeds = readdirSync(dir).filter((n) => /\.(osop|osoplog|sop)(\.(ya?ml|json))?$/.test(n)).sort()
  .map((name) => ({ name, text: readFileSync(new URL(name, dir), 'utf8') }));

/** Small seeded PRNG (mulberry32) so every run mutates the same way. */
function createRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [':', '-', '[', ']', '{', '}', ',', '#', '&a', '*a', '!!str', '|', '>', '"', "'", '\n', '\t', '  ', '---', '? ', '%YAML 1.2', '~', 'null', '0x1F', '.inf', '1e999', '\u00e9', '\ud83d\ude00', '\u0000', '\ufeff'];

function mutate(text: string, random: () => number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const at = Math.floor(random() * (text.length + 1));
  const lines = text.split('\n');
  switch (Math.floor(random() * 8)) {
    case 0: return text.slice(0, at) + pick(TOKENS) + text.slice(at);
    case 1: return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 8));
    case 2: return text.slice(0, at);
    case 3: { const i = Math.floor(random() * lines.length); lines.splice(i, 0, lines[Math.floor(random() * lines.length)]); return lines.join('\n'); }
    case 4: { const i = Math.floor(random() * lines.length); lines[i] = ' '.repeat(Math.floor(random() * 6)) + lines[i].trimStart(); return lines.join('\n'); }
    case 5: return text.replace(/: [^\n]*/, pick([': 1', ': [1, 2]', ': {a: b}', ': ""', ': -5', ': true', ': ~']));
    case 6: { const i = Math.floor(random() * lines.length); lines.splice(i, 1); return lines.join('\n'); }
    default: return text.replace(/(\w+):/, pick(['$1x:', 'x-$1:', '$1:\n  $1:', '"$1":', '[$1]:']));
  }
}

describe('validateSource under mutation', () => {
  it('never throws and always returns positioned diagnostics for 2,000 mutated documents', () => {
    const random = createRandom(20260323);
    const levels: CompatLevel[] = ['sopflow', 'core', 'full'];
    let invalid = 0;
    for (let i = 0; i < 2000; i++) {
      const seed = seeds[i % seeds.length];
      let text = seed.text;
      const rounds = 1 + Math.floor(random() * 4);
      for (let r = 0; r < rounds; r++) text = mutate(text, random);
      const compat = levels[i % 3];
      const report = validateSource(text, seed.name, { compat });
      const errors = report.diagnostics.filter((d) => d.severity === 'error');
      assert.equal(report.valid, errors.length === 0, `${seed.name} #${i}`);
      for (const d of report.diagnostics) {
        assert.equal(typeof d.code, 'string');
        assert.ok(d.message.length > 0);
        if (d.severity === 'error') assert.ok(d.line >= 1 && d.column >= 1, `${seed.name} #${i}: ${d.code} at ${d.line}:${d.column}`);
      }
      if (!report.valid) invalid++;
      // The other entry points share the contract (never throw); sampled to keep the test quick.
      if (i % 4 === 0) {
        loadWorkflow(text, seed.name);
        const formatted = formatSource(text, seed.name);
        assert.ok(formatted.diagnostics.every((d) => d.line >= 1));
      }
    }
    assert.ok(invalid > 300, `mutations should break many documents (broke ${invalid})`);
  });

  it('survives random bytes', () => {
    const random = createRandom(7);
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(Math.floor(random() * 512)).map(() => Math.floor(random() * 256));
      const report = validateSource(bytes, 'noise.osop');
      assert.equal(report.valid, false);
      assert.ok(report.diagnostics.every((d) => d.line >= 1));
    }
  });
});
