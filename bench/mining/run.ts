/**
 * Process-mining bench: agreement with PM4Py 2.7.11.4 on the shared corpus, the known-model checks,
 * and time/memory on a generated ~165k-event log. Run from the repo root:
 *   node --import tsx bench/mining/run.ts
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import {
  alignLog, compileNet, discoverAlphaNet, discoverHeuristicsNet, heuristicsNetToPetriNet, countEvents, createAlignSetup, createReplaySetup, discoverProcessTree, etcPrecision,
  generalization, netSize, readCsvFile, readPnml, readXesFile, replayLog, simplicity, summariseReplay, treeToPetriNet, writeXesChunks,
  type EventLog, type PetriNet,
} from '../../packages/analysis/src/index.js';
import { generateLog } from './generate-log.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const corpus = resolve(repoRoot, '..', 'shared', 'corpus', 'eventlogs');

const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');
const d4 = (a: number, b: number | undefined) => (b === undefined ? '' : ` (Δ${Math.abs(a - b).toFixed(4)})`);

interface Figures {
  pt: string;
  tbr: number;
  align: number;
  precision: number;
  generalization: number;
  simplicity: number;
}

function evaluate(log: EventLog, net: PetriNet, weight: 'events' | 'cases' = 'events'): Figures & { tbrMs: number; alignMs: number } {
  const cnet = compileNet(net);
  const setup = createReplaySetup(cnet);
  let t0 = performance.now();
  const replay = replayLog(log, setup);
  const tbr = summariseReplay(replay).logFitness;
  const tbrMs = performance.now() - t0;
  t0 = performance.now();
  const align = alignLog(log, createAlignSetup(cnet)).logFitness;
  const alignMs = performance.now() - t0;
  const s = netSize(net);
  return {
    pt: `${s.places}/${s.transitions} (${s.silent})`,
    tbr, align, tbrMs, alignMs,
    precision: etcPrecision(log, setup, { emptyPrefixWeight: weight }),
    generalization: generalization(log, setup, replay),
    simplicity: simplicity(net),
  };
}

async function agreement(): Promise<void> {
  const ref = JSON.parse(readFileSync(join(corpus, 'pm4py-reference.json'), 'utf8'));
  console.log('## Agreement with PM4Py 2.7.11.4 (ours vs reference, |difference|)\n');
  console.log('| Log | Miner | P/T (silent) ours / PM4Py | TBR fitness | Align fitness | ETC precision | Generalization | Simplicity | ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  let worst = 0;
  const sources: Array<[string, any, () => Promise<EventLog>]> = Object.entries<any>(ref.discovery)
    .map(([file, entry]) => [file, entry, () => readXesFile(join(corpus, file))]);
  if (existsSync(join(corpus, 'running-example.csv'))) {
    // The same log through the CSV reader, against the XES reference figures.
    sources.push(['running-example.csv', ref.discovery['running-example.xes'], () => readCsvFile(join(corpus, 'running-example.csv'))]);
  }
  for (const [file, entry, load] of sources) {
    const log = await load();
    for (const [key, label, noise] of [['inductive_IM', 'IM', 0], ['inductive_IMf_0.2', 'IMf 0.2', 0.2]] as const) {
      const r = entry[key];
      if (!r) continue;
      const t0 = performance.now();
      const ours = evaluate(log, treeToPetriNet(discoverProcessTree(log, { noiseThreshold: noise })));
      const ms = performance.now() - t0;
      const refPt = `${r.places}/${r.transitions} (${r.invisible_transitions})`;
      const pairs: Array<[number, number]> = [
        [ours.tbr, r.tbr_fitness.log_fitness], [ours.align, r.align_fitness.log_fitness], [ours.precision, r.etc_precision_tbr],
        [ours.generalization, r.generalization_tbr], [ours.simplicity, r.simplicity_arc_degree],
      ];
      for (const [a, b] of pairs) worst = Math.max(worst, Math.abs(a - b));
      console.log(`| ${file} | ${label} | ${ours.pt} / ${refPt}${ours.pt === refPt ? ' ✓' : ' ✗'} | ${pairs.map(([a, b]) => `${f4(a)} / ${f4(b)}${d4(a, b)}`).join(' | ')} | ${ms.toFixed(0)} |`);
    }
  }
  console.log(`\nLargest absolute difference: ${worst.toFixed(4)} (goal ≤ 0.01)\n`);
  // No PM4Py reference figures exist for these miners yet; ours alone.
  console.log('## Heuristics (PM4Py default thresholds) and alpha miners (ours; no PM4Py reference yet)\n');
  console.log('| Log | Miner | P/T (silent) | TBR fitness | Align fitness | ETC precision | Generalization | Simplicity | ms |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [file, , load] of sources) {
    const log = await load();
    for (const [label, mine] of [['heuristics', () => heuristicsNetToPetriNet(discoverHeuristicsNet(log))], ['alpha', () => discoverAlphaNet(log)]] as const) {
      const t0 = performance.now();
      const ours = evaluate(log, mine());
      console.log(`| ${file} | ${label} | ${ours.pt} | ${[ours.tbr, ours.align, ours.precision, ours.generalization, ours.simplicity].map(f4).join(' | ')} | ${(performance.now() - t0).toFixed(0)} |`);
    }
  }
  console.log('');

  console.log('## Known-model conformance (PNML models; PM4Py used its EventLog object here, so the empty prefix is weighted by cases)\n');
  console.log('| Log | Model | P/T (silent) ours / PM4Py | TBR fitness | Align fitness | ETC precision | TBR s ours / PM4Py | Align s ours / PM4Py |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [file, r] of Object.entries<any>(ref.known_model_conformance)) {
    const log = await readXesFile(join(corpus, file));
    const net = readPnml(readFileSync(join(corpus, 'models', r.model), 'utf8'));
    const ours = evaluate(log, net, 'cases');
    const refPt = `${r.places}/${r.transitions} (${r.silent})`;
    console.log(`| ${file} | ${r.model} | ${ours.pt} / ${refPt} | ${f4(ours.tbr)} / ${f4(r.tbr_log_fitness)} | ${f4(ours.align)} / ${f4(r.align_log_fitness)} | ${f4(ours.precision)} / ${f4(r.etc_precision)} | ${(ours.tbrMs / 1000).toFixed(3)} / ${r.tbr_s} | ${(ours.alignMs / 1000).toFixed(3)} / ${r.align_s} |`);
  }
  console.log('');
}

async function speed(): Promise<void> {
  const cases = Number(process.env.BENCH_CASES ?? 13_000);
  const generated = generateLog(cases);
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-mining-'));
  const path = join(dir, 'generated.xes.gz');
  await pipeline(Readable.from(writeXesChunks(generated)), createGzip(), createWriteStream(path));
  console.log(`## Speed on a generated log (${cases} cases, ${countEvents(generated)} events, written as .xes.gz first)\n`);
  console.log('Measured in a fresh child process, so the peak RSS is that of parsing and mining alone.\n');
  // A child process of our own (argv array, no shell) running the steps below.
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./speed-steps.ts', import.meta.url)), path], {
    cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'],
  });
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) throw new Error(`speed steps failed with status ${child.status}`);
}

if (existsSync(join(corpus, 'pm4py-reference.json'))) await agreement();
else console.log(`Corpus not found at ${corpus} (expected ../shared/corpus/eventlogs beside the repo); skipping the PM4Py agreement table.\n`);
await speed();
