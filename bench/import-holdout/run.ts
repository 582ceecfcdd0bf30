/**
 * Hold-out evaluation of the importer on documents it has never seen.
 * `node --conditions=sopflow-source --import tsx bench/import-holdout/run.ts`
 * Imports every document in ./docs (and some converted to .docx / .pdf in a temp dir), scores it
 * with the scorer of bench/import against the outlines in expected.ts, prints a per-document table
 * and overall figures, then lists every miss concretely with the sentence it is about.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile, readMarkdown } from '@sopflow/importer';
import { treeToDocx } from '../../packages/importer/test-fixtures/generate/tree-to-docx.js';
import { treeToPdf } from '../../packages/importer/test-fixtures/generate/tree-to-pdf.js';
import { scoreDoc, type DocScore } from '../import/score.js';
import { HOLDOUT_EXPECTED } from './expected.js';
import { findMisses, toProduced, type Miss, type Tally } from './find-misses.js';
import type { HoldoutDoc } from './holdout-types.js';

const here = dirname(fileURLToPath(import.meta.url));
const docsDir = resolve(here, 'docs');
const GOALS = { recall: 0.9, precision: 0.85, decisions: 0.8 };

interface Row { label: string; score: DocScore; tally: Tally; misses: Miss[]; errors: string[] }

async function evaluate(path: string, expected: HoldoutDoc, label: string, sourceText: string): Promise<Row> {
  const result = await importFile(path);
  const errors = result.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'no-procedure-found').map((d) => `${d.code}: ${d.message}`);
  const { misses, tally } = findMisses(expected, result, sourceText, label);
  return { label, score: scoreDoc(expected, toProduced(result).doc), tally, misses, errors };
}

async function convert(expected: HoldoutDoc, as: 'docx' | 'pdf', twoColumns: boolean | undefined, tmp: string): Promise<string> {
  const tree = readMarkdown(readFileSync(join(docsDir, expected.file), 'utf8'));
  const bytes = as === 'docx' ? await treeToDocx(tree) : await treeToPdf(tree, { header: 'Controlled document — do not print', footer: 'Uncontrolled when printed', twoColumns });
  const path = join(tmp, expected.file.replace(/\.md$/, `.${as}`));
  writeFileSync(path, bytes);
  return path;
}

const pct = (v: number | undefined) => (v === undefined ? '  n/a' : `${(v * 100).toFixed(0).padStart(4)}%`);
const ratio = (hit: number, total: number) => (total === 0 ? undefined : hit / total);

function printTable(rows: Row[]): void {
  console.log('| document | exp | got | match | recall | precision | order τ | roles | step roles | decisions | timers | spurious timers |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const { label, score: s, tally: t } of rows) {
    console.log(`| ${label}${s.ok ? '' : ' (!)'} | ${s.expectedSteps} | ${s.producedSteps} | ${s.matched} | ${pct(s.recall)} | ${pct(s.precision)} | ${s.tau.toFixed(2)} | ${pct(s.roleRecall)} | ${pct(ratio(t.stepRolesHit, t.stepRolesWanted))} | ${pct(s.decisionRecall)} | ${pct(ratio(t.timersHit, t.timersWanted))} | ${t.timersSpurious}/${t.timersProduced} |`);
  }
  const sum = (f: (r: Row) => number) => rows.reduce((a, r) => a + f(r), 0);
  const mean = (xs: (number | undefined)[]) => { const v = xs.filter((x): x is number => x !== undefined); return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined; };
  const recall = sum((r) => r.score.matched) / Math.max(1, sum((r) => r.score.expectedSteps));
  const produced = sum((r) => r.score.producedSteps);
  const precision = rows.reduce((a, r) => a + r.score.precision * r.score.producedSteps, 0) / Math.max(1, produced);
  const decisions = ratio(sum((r) => r.tally.decisionsHit), sum((r) => r.tally.decisionsWanted));
  console.log(`| **overall** | ${sum((r) => r.score.expectedSteps)} | ${produced} | ${sum((r) => r.score.matched)} | ${pct(recall)} | ${pct(precision)} | ${(mean(rows.map((r) => r.score.tau)) ?? 1).toFixed(2)} | ${pct(mean(rows.map((r) => r.score.roleRecall)))} | ${pct(ratio(sum((r) => r.tally.stepRolesHit), sum((r) => r.tally.stepRolesWanted)))} | ${pct(decisions)} | ${pct(ratio(sum((r) => r.tally.timersHit), sum((r) => r.tally.timersWanted)))} | ${sum((r) => r.tally.timersSpurious)}/${sum((r) => r.tally.timersProduced)} |`);
  console.log('\nRecall, precision, decisions and timers are pooled over all steps/branches/timers; order τ and SOP roles are means per document.');
  const verdict = (name: string, v: number | undefined, goal: number) => `${name} ${pct(v).trim()} (goal ≥ ${goal * 100}%: ${v !== undefined && v >= goal ? 'met' : 'NOT met'})`;
  console.log(`Goals on unseen documents: ${verdict('step recall', recall, GOALS.recall)}; ${verdict('precision', precision, GOALS.precision)}; ${verdict('decision recall', decisions, GOALS.decisions)}`);
}

function printMisses(rows: Row[]): void {
  const all = rows.flatMap((r) => [...r.errors.map((e): Miss => ({ kind: 'sop-count', file: r.label, detail: `error diagnostic ${e}` })), ...r.misses]);
  console.log(`\n## Misses (${all.length})\n`);
  const counts = new Map<string, number>();
  for (const m of all) counts.set(m.kind, (counts.get(m.kind) ?? 0) + 1);
  console.log([...counts].map(([k, n]) => `${k}: ${n}`).join(' · '));
  let file = '';
  for (const m of all) {
    if (m.file !== file) { file = m.file; console.log(`\n### ${file}`); }
    console.log(`- [${m.kind}] ${m.detail}${m.sentence ? `\n    ↳ "${m.sentence}"` : ''}`);
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'sopflow-import-holdout-'));
  try {
    for (const e of HOLDOUT_EXPECTED) {
      const source = readFileSync(join(docsDir, e.file), 'utf8');
      rows.push(await evaluate(join(docsDir, e.file), e, e.file, source));
      for (const c of e.convert ?? []) {
        const path = await convert(e, c.as, c.twoColumns, tmp);
        const label = `${e.file.replace(/\.md$/, `.${c.as}`)}${c.twoColumns ? ' (2 columns)' : ''}`;
        rows.push(await evaluate(path, e, label, source));
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`\n## Hold-out: ${rows.length} documents (${HOLDOUT_EXPECTED.length} written for this set, the rest converted to .docx/.pdf)\n`);
  printTable(rows);
  printMisses(rows);
}

await main();
