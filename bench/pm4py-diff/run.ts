/**
 * Differential bench: PM4Py 2.7.11.4 itself against sopflow on the corpus logs and generated ones,
 * every figure side by side, disagreements listed. Not part of CI. From the repo root:
 *   PM4PY_SRC=/path/to/pm4py-core node --conditions=sopflow-source --import tsx bench/pm4py-diff/run.ts
 * PM4PY_SRC is a checkout of pm4py/pm4py-core whose pm4py/meta.py says VERSION = '2.7.11.4' (default
 * ../pm4py-2.7.11.4 beside the repository); PYTHON (default python3 on the PATH) needs Debian's numpy, pandas, scipy, lxml,
 * networkx, deprecation, intervaltree, tqdm and tz. PM4Py runs once per PYTHONHASHSEED in PM4PY_SEEDS
 * (default 0,1,2,3,4), since some of its results follow Python's set order; a figure agrees when ours
 * equals one of PM4Py's values within 1e-4. PM4PY_TIMEOUT (default 600 s) bounds each PM4Py run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDfgView, mineLog, readCsvFile, readXesFile, writeXes, type EventLog, type MiningReport } from '../../packages/analysis/src/index.js';
import { generateLog } from '../mining/generate-log.js';

const here = dirname(fileURLToPath(import.meta.url));
const corpus = resolve(here, '..', '..', '..', 'shared', 'corpus', 'eventlogs');
const pm4pySrc = process.env.PM4PY_SRC ?? resolve(here, '..', '..', '..', 'pm4py-2.7.11.4');
const python = process.env.PYTHON ?? 'python3';
const seeds = (process.env.PM4PY_SEEDS ?? '0,1,2,3,4').split(',');
const TOL = 1e-4;
const timeoutS = Number(process.env.PM4PY_TIMEOUT ?? 600);

type Figures = { places: number; transitions: number; silent: number; tbr: number | null; align: number | null; precision: number | null; generalization: number | null; simplicity: number | null; align_error?: string; error?: string };
interface Pm4pyRun {
  pm4py: string; cases: number; events: number; activities: number; variants: number;
  dfg: Record<string, { count: number; meanS: number | null; medianS: number | null }>;
  miners: Record<string, Figures>;
}
interface Source { name: string; path: string; csv?: string; load: () => Promise<EventLog> }

function pm4pyFigures(src: Source): Pm4pyRun[] {
  return seeds.map((seed) => {
    const args = [join(here, 'pm4py_figures.py'), src.path, ...(src.csv ? ['--csv', src.csv] : [])];
    const r = spawnSync(python, args, { env: { ...process.env, PYTHONPATH: pm4pySrc, PYTHONHASHSEED: seed }, encoding: 'utf8', maxBuffer: 256 << 20, timeout: timeoutS * 1000 });
    if (r.error || r.signal) throw new Error(`PM4Py gave no answer on ${src.name} (seed ${seed}) within ${timeoutS} s`);
    if (r.status !== 0) throw new Error(`PM4Py failed on ${src.name} (seed ${seed}): ${r.stderr.split('\n').slice(-5).join('\n')}`);
    return JSON.parse(r.stdout) as Pm4pyRun;
  });
}

function ourFigures(log: EventLog, miner: 'im' | 'imf' | 'heuristics' | 'alpha'): Figures & { report: MiningReport } {
  const { report } = mineLog(log, { miner, metrics: true });
  const nan = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? null : x);
  return {
    report, places: report.places, transitions: report.transitions, silent: report.silentTransitions,
    tbr: nan(report.fitness?.tbr), align: nan(report.fitness?.alignments), precision: nan(report.precision),
    generalization: nan(report.generalization), simplicity: nan(report.simplicity),
  };
}

const f4 = (x: number | null | undefined) => (x === null || x === undefined ? 'refused' : x.toFixed(4));
const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= TOL);

async function sources(dir: string): Promise<Source[]> {
  const out: Source[] = [];
  if (existsSync(corpus)) {
    for (const file of ['running-example.xes', 'roadtraffic100traces.xes', '03_repairExample.xes.gz', 'a12f0n00.xes.gz']) {
      const path = join(corpus, file);
      if (existsSync(path)) out.push({ name: file, path, load: () => readXesFile(path) });
    }
    const csv = join(corpus, 'running-example.csv');
    if (existsSync(csv)) out.push({ name: 'running-example.csv', path: csv, csv: 'case:concept:name,concept:name,time:timestamp', load: () => readCsvFile(csv) });
  } else {
    console.log(`(corpus absent: ${corpus} not found; generated logs only)\n`);
  }
  for (const [cases, seed] of [[100, 42], [200, 7]] as const) {
    const path = join(dir, `generated-${cases}-s${seed}.xes`);
    writeFileSync(path, writeXes(generateLog(cases, seed)));
    out.push({ name: `generated ${cases} cases (seed ${seed})`, path, load: () => readXesFile(path) });
  }
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pm4py-diff-'));
  const version = readFileSync(join(pm4pySrc, 'pm4py', 'meta.py'), 'utf8').match(/VERSION = '([^']+)'/)?.[1];
  console.log(`PM4Py ${version} from ${pm4pySrc}, PYTHONHASHSEED ${seeds.join(', ')}; sopflow from this tree. Cells: PM4Py / sopflow (PM4Py's values over the seeds when they differ).\n`);
  const rows = { push: (row: string) => console.log(row) };
  console.log('| Log | Miner | P/T (silent) | TBR fitness | Align fitness | ETC precision | Generalization | Simplicity | agree |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  const disagreements: string[] = [];
  const hashDependent: string[] = [];
  for (const src of await sources(dir)) {
    let runs: Pm4pyRun[];
    try {
      runs = pm4pyFigures(src);
    } catch (e) {
      rows.push(`| ${src.name} | — | ${(e as Error).message.replace(/\n/g, ' ').replace(/\|/g, '/')} | | | | | | ✗ |`);
      disagreements.push(`${src.name}: PM4Py did not run`);
      continue;
    }
    const log = await src.load();
    const p = runs[0];
    // Log and DFG figures (hash order plays no part here).
    const view = buildDfgView(log, { measure: 'performance' });
    const ourArcs = new Map(view.edges.map((e) => [`${e.from}\u0000${e.to}`, e]));
    let countDiff = 0, perfDiff = 0;
    for (const [key, arc] of Object.entries(p.dfg)) {
      const ours = ourArcs.get(key);
      if (!ours || ours.count !== arc.count) countDiff++;
      else if (arc.medianS !== null && (Math.abs(ours.medianMs / 1000 - arc.medianS) > 1e-3 || Math.abs(ours.meanMs / 1000 - (arc.meanS ?? NaN)) > 1e-3)) perfDiff++;
    }
    countDiff += [...ourArcs.keys()].filter((k) => !(k in p.dfg)).length;
    const logFig = `${p.cases}/${p.events}/${p.activities}/${p.variants}/${Object.keys(p.dfg).length}`;
    const ourVariants = new Set(log.cases.map((c) => c.activities.join(','))).size;
    const ourLog = `${log.cases.length}/${log.cases.reduce((s, c) => s + c.activities.length, 0)}/${view.activities.length}/${ourVariants}/${view.edges.length}`;
    const logOk = logFig === ourLog && countDiff === 0 && perfDiff === 0;
    rows.push(`| ${src.name} | log | cases/events/activities/variants/DFG arcs ${logFig} / ${ourLog}; arcs differing in count ${countDiff}, in median/mean duration ${perfDiff} | | | | | | ${logOk ? '✓' : '✗'} |`);
    if (!logOk) disagreements.push(`${src.name}: log/DFG figures ${logFig} vs ${ourLog}, ${countDiff} arc counts and ${perfDiff} arc durations differ`);
    for (const [label, miner] of [['IM', 'im'], ['IMf 0.2', 'imf'], ['heuristics', 'heuristics'], ['alpha', 'alpha']] as const) {
      const theirs = runs.map((r) => r.miners[label]);
      if (theirs[0].error) {
        rows.push(`| ${src.name} | ${label} | PM4Py failed: ${theirs[0].error} | | | | | | |`);
        continue;
      }
      const ours = ourFigures(log, miner);
      const cells: string[] = [];
      let ok = true;
      const pt = (x: Figures) => `${x.places}/${x.transitions} (${x.silent})`;
      const ptValues = [...new Set(theirs.map(pt))];
      const ptOk = ptValues.includes(pt(ours));
      cells.push(`${ptValues.join(' or ')} / ${pt(ours)}`);
      ok &&= ptOk;
      for (const k of ['tbr', 'align', 'precision', 'generalization', 'simplicity'] as const) {
        const values = [...new Set(theirs.map((t) => f4(t[k])))];
        const agree = theirs.some((t) => same(t[k], ours[k]));
        cells.push(`${values.join(' or ')} / ${f4(ours[k])}${agree ? '' : ' ✗'}`);
        if (!agree) disagreements.push(`${src.name} ${label} ${k}: PM4Py ${values.join(' or ')}, sopflow ${f4(ours[k])}`);
        ok &&= agree;
      }
      if (!ptOk) disagreements.push(`${src.name} ${label} P/T: PM4Py ${ptValues.join(' or ')}, sopflow ${pt(ours)}`);
      if (ptValues.length > 1 || theirs.some((t) => JSON.stringify([t.tbr, t.align, t.precision]) !== JSON.stringify([theirs[0].tbr, theirs[0].align, theirs[0].precision]))) hashDependent.push(`${src.name} ${label}`);
      const note = theirs[0].align_error ? ` (PM4Py: ${theirs[0].align_error}${ours.report.alignmentsRefused ? '; sopflow: refused too' : ''})` : '';
      rows.push(`| ${src.name} | ${label} | ${cells.join(' | ')}${note} | ${ok ? '✓' : '✗'} |`);
    }
  }
  console.log(`\nPM4Py's result changed with PYTHONHASHSEED on: ${hashDependent.length ? hashDependent.join('; ') : 'none'}`);
  console.log(`\nDisagreements (|Δ| > ${TOL} from every PM4Py value): ${disagreements.length ? '' : 'none'}`);
  for (const d of disagreements) console.log(`- ${d}`);
}

await main();
