import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

/** A small deterministic PRNG (mulberry32) so a failure can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = ['', '[]', '{}', '0', '-1', 'null', '~', 'true', '"', "'", ': :', '- -', '&a', '*a', '!!binary x', '{a: [', '\t', '\u0000', '😀', 'x'.repeat(300), '${secrets.X}', '<<: *a', '---', '...', '%YAML 1.1'];

function mutate(text: string, random: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(random() * lines.length);
  const ops = 1 + Math.floor(random() * 4);
  for (let i = 0; i < ops; i++) {
    const at = pick();
    switch (Math.floor(random() * 8)) {
      case 0: lines.splice(at, 1); break;
      case 1: lines.splice(at, 0, lines[pick()] ?? ''); break;
      case 2: { const b = pick(); [lines[at], lines[b]] = [lines[b], lines[at]]; break; }
      case 3: lines[at] = `${' '.repeat(Math.floor(random() * 6))}${(lines[at] ?? '').trimStart()}`; break;
      case 4: lines[at] = (lines[at] ?? '').replace(/:\s.*$/, `: ${JUNK[Math.floor(random() * JUNK.length)]}`); break;
      case 5: { const l = lines[at] ?? ''; const c = Math.floor(random() * (l.length + 1)); lines[at] = l.slice(0, c) + JUNK[Math.floor(random() * JUNK.length)] + l.slice(c); break; }
      case 6: lines.length = Math.max(1, at); break;
      default: lines[at] = (lines[at] ?? '').replace(/\b(human|agent|api|cli|parallel|sequential|conditional)\b/, () => JUNK[Math.floor(random() * JUNK.length)]);
    }
  }
  return lines.join('\n');
}

describe('sopflow validate under mutated input (fuzz)', () => {
  it('never crashes, always reports each file, and never modifies its input (3,000 documents)', () => {
    const seeds = readdirSync(EXAMPLES).filter((f) => f.endsWith('.osop') || f.endsWith('.sop'));
    const texts = seeds.map((f) => readFileSync(join(EXAMPLES, f), 'utf8'));
    const random = prng(20261123);
    const batches = 3;
    const perBatch = 1000;
    for (let b = 0; b < batches; b++) {
      const dir = mkdtempSync(join(tmpdir(), `sopflow-fuzz-${b}-`));
      const hashes = new Map<string, string>();
      for (let i = 0; i < perBatch; i++) {
        const seed = Math.floor(random() * texts.length);
        const ext = seeds[seed].endsWith('.sop') ? 'sop' : 'osop';
        const name = `m${String(i).padStart(4, '0')}.${ext}`;
        const body = mutate(texts[seed], random);
        writeFileSync(join(dir, name), body);
        hashes.set(name, createHash('sha256').update(body).digest('hex'));
      }
      const r = runSopflow(['validate', '--json', dir]);
      assert.ok(r.status === 0 || r.status === 1, `batch ${b}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
      assert.ok(!hasStackTrace(r.stderr + r.stdout), `batch ${b}: stack trace\n${r.stderr.slice(0, 2000)}`);
      const report = JSON.parse(r.stdout) as { files: { file: string; valid: boolean; diagnostics: { severity: string; line: number; code: string }[] }[] };
      assert.equal(report.files.length, perBatch);
      for (const f of report.files) {
        if (!f.valid) assert.ok(f.diagnostics.some((d) => d.severity === 'error'), `${f.file}: invalid without an error`);
        for (const d of f.diagnostics) {
          assert.ok(Number.isInteger(d.line) && d.line >= 0, `${f.file}: bad line in ${JSON.stringify(d)}`);
          assert.ok(!d.code.startsWith('internal'), `${f.file}: internal error ${JSON.stringify(d)}`);
        }
      }
      for (const [name, hash] of hashes) {
        assert.equal(createHash('sha256').update(readFileSync(join(dir, name))).digest('hex'), hash, `${name} was modified`);
      }
    }
  });
});
