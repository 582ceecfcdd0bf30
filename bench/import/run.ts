/**
 * Import quality and speed. `node --import tsx bench/import/run.ts`
 * Scores the importer on ../shared/corpus/sopdocs (resolved from the repo root) against the
 * outlines transcribed in expected.ts, and on the importer's own fixtures (markdown, text, html,
 * and some converted to .docx and .pdf in a temp dir); then times every document and a generated
 * 10-page PDF.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile, readMarkdown, type ImportResult } from '../../packages/importer/src/index.js';
import { treeToDocx } from '../../packages/importer/test-fixtures/generate/tree-to-docx.js';
import { treeToPdf } from '../../packages/importer/test-fixtures/generate/tree-to-pdf.js';
import { tenPageSop } from '../../packages/importer/test-fixtures/generate/ten-page-sop.js';
import { CORPUS_EXPECTED } from './expected.js';
import { CONVERTED, FIXTURE_EXPECTED } from './fixtures-expected.js';
import { scoreDoc, type DocScore, type ExpectedDoc, type ProducedDoc } from './score.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpusDir = resolve(repoRoot, '..', 'shared', 'corpus', 'sopdocs');
const fixtureDir = resolve(repoRoot, 'packages', 'importer', 'test-fixtures');
const speed: { file: string; ms: number; pages?: number }[] = [];

function produced(result: ImportResult): ProducedDoc {
  const steps = result.sops.flatMap((sop, sopIndex) => sop.steps.map((s) => ({
    key: `${sopIndex}:${s.sequence_order}`, title: s.title, description: s.description, decisions: s.decisions,
    sopIndex, sequence: s.sequence_order, incomplete: s.incomplete,
  })));
  return {
    steps,
    roles: [...new Set(result.sops.flatMap((s) => s.roles))],
    timers: result.sops.flatMap((s) => s.steps.flatMap((st) => st.timers)),
    noProcedure: result.diagnostics.some((d) => d.code === 'no-procedure-found'),
  };
}

async function run(path: string, expected: ExpectedDoc, label = expected.file): Promise<DocScore> {
  const started = performance.now();
  const result = await importFile(path);
  speed.push({ file: label, ms: performance.now() - started, pages: result.pageCount });
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'no-procedure-found');
  if (errors.length > 0) console.log(`  ${label}: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  return scoreDoc(expected, produced(result));
}

const pct = (v: number | undefined) => (v === undefined ? '  n/a' : `${(v * 100).toFixed(0).padStart(4)}%`);

function printTable(title: string, rows: { file: string; s: DocScore }[]): void {
  console.log(`\n## ${title}\n`);
  console.log('| document | exp | got | match | recall | precision | order τ | roles | decisions | timers |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { file, s } of rows) {
    console.log(`| ${file}${s.ok ? '' : ' (!)'} | ${s.expectedSteps} | ${s.producedSteps} | ${s.matched} | ${pct(s.recall)} | ${pct(s.precision)} | ${s.tau.toFixed(2)} | ${pct(s.roleRecall)} | ${pct(s.decisionRecall)} | ${pct(s.timerRecall)} |`);
  }
  const all = rows.map((r) => r.s);
  const sum = (f: (s: DocScore) => number) => all.reduce((a, s) => a + f(s), 0);
  const mean = (xs: (number | undefined)[]) => { const v = xs.filter((x): x is number => x !== undefined); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined; };
  const recall = sum((s) => s.matched) / Math.max(1, sum((s) => s.expectedSteps));
  const withSteps = all.filter((s) => s.producedSteps > 0);
  const precision = withSteps.reduce((a, s) => a + s.precision * s.producedSteps, 0) / Math.max(1, withSteps.reduce((a, s) => a + s.producedSteps, 0));
  console.log(`| **overall** | ${sum((s) => s.expectedSteps)} | ${sum((s) => s.producedSteps)} | ${sum((s) => s.matched)} | ${pct(recall)} | ${pct(precision)} | ${(mean(all.map((s) => s.tau)) ?? 1).toFixed(2)} | ${pct(mean(all.map((s) => s.roleRecall)))} | ${pct(mean(all.map((s) => s.decisionRecall)))} | ${pct(mean(all.map((s) => s.timerRecall)))} |`);
  const misses = rows.filter((r) => r.s.missing.length > 0 || r.s.extra.length > 0);
  for (const { file, s } of misses) {
    if (s.missing.length) console.log(`- ${file}: missing ${s.missing.join('; ')}`);
    if (s.extra.length) console.log(`- ${file}: unmatched output ${s.extra.slice(0, 6).join('; ')}${s.extra.length > 6 ? ' …' : ''}`);
  }
}

async function main(): Promise<void> {
  if (existsSync(corpusDir)) {
    const rows = [];
    for (const e of CORPUS_EXPECTED) {
      const path = join(corpusDir, e.file);
      if (!existsSync(path)) { console.log(`(corpus file missing: ${e.file})`); continue; }
      rows.push({ file: e.file, s: await run(path, e) });
    }
    printTable(`Corpus: ${rows.length} documents in ../shared/corpus/sopdocs`, rows);
  } else {
    console.log(`\nCorpus folder not found (${corpusDir}); skipping the corpus scores. Place the shared corpus next to the repository to score it.`);
  }
  const tmp = mkdtempSync(join(tmpdir(), 'sopflow-import-bench-'));
  try {
    const rows = [];
    for (const e of FIXTURE_EXPECTED) rows.push({ file: e.file, s: await run(join(fixtureDir, e.file), e) });
    for (const c of CONVERTED) {
      const tree = readMarkdown(readFileSync(join(fixtureDir, c.source), 'utf8'));
      const name = c.source.replace(/\.md$/, `.${c.as}`);
      const bytes = c.as === 'docx' ? await treeToDocx(tree) : await treeToPdf(tree, { header: 'ACME Quality Manual — controlled copy', footer: 'Printed copies are uncontrolled', twoColumns: c.twoColumns });
      writeFileSync(join(tmp, name), bytes);
      const expected = FIXTURE_EXPECTED.find((x) => x.file === c.source)!;
      rows.push({ file: `${name}${c.twoColumns ? ' (2 columns)' : ''}`, s: await run(join(tmp, name), expected, name) });
    }
    printTable(`Own fixtures: ${rows.length} documents (packages/importer/test-fixtures, some converted to docx/pdf)`, rows);
    const big = await tenPageSop();
    writeFileSync(join(tmp, 'ten-page.pdf'), big);
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const result = await importFile(join(tmp, 'ten-page.pdf'));
      speed.push({ file: `generated 10-page PDF (run ${i + 1})`, ms: performance.now() - started, pages: result.pageCount });
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log('\n## Speed (wall time per document, including PDF worker start)\n');
  console.log('| document | ms | pages | pages/s |');
  console.log('|---|---:|---:|---:|');
  for (const s of speed) console.log(`| ${s.file} | ${s.ms.toFixed(0)} | ${s.pages ?? ''} | ${s.pages ? (s.pages / (s.ms / 1000)).toFixed(1) : ''} |`);
}

await main();
