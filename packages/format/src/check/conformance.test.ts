import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { formatSource, loadWorkflow, parseSource, stringifyWorkflow, validateSource, type CompatLevel } from '../index.js';

// conformance/format: documents of our own, each with its expected error codes per level.
// core/full codes must match exactly (and agree with OSOP's schemas: bench/osop-compat); at the
// sopflow level the listed codes must appear (the semantic rules may add more).
const dir = new URL('../../../../conformance/format/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', dir), 'utf8')) as Record<string, Record<CompatLevel, string[]>>;
const files = readdirSync(dir).filter((name) => /\.(osop|osoplog|sop)(\.(ya?ml|json))?$/.test(name)).sort();
const errorCodes = (text: string, file: string, compat: CompatLevel) =>
  [...new Set(validateSource(text, file, { compat }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code))].sort();

describe('conformance/format', () => {
  it('lists every document in expected.json and nothing else', () => {
    assert.deepEqual(Object.keys(expected).sort(), files);
    assert.ok(files.length >= 40, `${files.length} documents`);
  });

  for (const file of files) {
    it(`${file}: verdicts and codes at core, full and sopflow`, () => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const want = expected[file];
      assert.deepEqual(errorCodes(text, file, 'core'), want.core, 'core');
      assert.deepEqual(errorCodes(text, file, 'full'), want.full, 'full');
      const report = validateSource(text, file);
      assert.equal(report.valid, want.sopflow.length === 0, `sopflow valid: ${JSON.stringify(report.diagnostics)}`);
      const got = new Set(report.diagnostics.map((d) => d.code));
      for (const code of want.sopflow) assert.ok(got.has(code), `sopflow lacks ${code}`);
      for (const d of report.diagnostics) {
        assert.ok(d.line >= 1 && d.column >= 1, `${d.code} has a position`);
        assert.equal(d.file, file);
      }
    });
  }
});

// Round trips run on the conformance documents and on the repository's examples/ (when present).
const examplesDir = new URL('../../../../examples/', import.meta.url);
const exampleFiles = existsSync(examplesDir) ? readdirSync(examplesDir).filter((n) => /\.(osop|osoplog|sop)(\.(ya?ml|json))?$/.test(n)).sort() : [];
const roundTripDocuments = [
  ...files.map((file) => ({ file, text: readFileSync(new URL(file, dir), 'utf8') })),
  ...exampleFiles.map((file) => ({ file: `examples/${file}`, text: readFileSync(new URL(file, examplesDir), 'utf8') })),
];

describe('round trips on every conformance document and example', () => {
  for (const { file, text } of roundTripDocuments) {
    const parsed = parseSource(text, file);
    if (!parsed.source) continue;
    it(`${file}: parse → format → parse keeps data and comments`, () => {
      const formatted = formatSource(text, file);
      assert.deepEqual(parseSource(formatted.text, file).source?.data, parsed.source!.data);
      const comments = text.split('\n').filter((l) => l.trimStart().startsWith('#')).map((l) => l.trim());
      for (const comment of comments) assert.ok(formatted.text.includes(comment), `keeps ${comment}`);
      assert.equal(formatSource(formatted.text, file).changed, false, 'idempotent');
    });
    const loaded = loadWorkflow(text, file);
    if (!loaded.workflow) continue;
    it(`${file}: normalise → stringify → load gives the same graph`, () => {
      const again = loadWorkflow(stringifyWorkflow(loaded.workflow!), file);
      assert.ok(again.workflow, JSON.stringify(again.diagnostics));
      const shape = (w: NonNullable<typeof again.workflow>) => ({
        nodes: w.nodes.map((n) => [n.id, n.type, n.kind, n.timeoutSec ?? null, n.role ?? null]),
        edges: w.edges.map((e) => [e.from, e.to, e.mode, e.when ?? null]).sort(),
        entryPoint: w.entryPoint,
      });
      assert.deepEqual(shape(again.workflow), shape(loaded.workflow!));
    });
  }
});
