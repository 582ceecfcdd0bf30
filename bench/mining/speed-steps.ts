/**
 * The timed steps of bench/mining/run.ts, run in their own process on a generated .xes.gz so that
 * the reported peak RSS is that of parsing and mining alone. Usage: speed-steps.ts FILE.xes.gz
 */
import {
  alignLog, compileNet, discoverHeuristicsNet, heuristicsNetToPetriNet, countEvents, createAlignSetup, createReplaySetup, discoverDfg, discoverProcessTree, etcPrecision,
  netSize, readXesFile, replayLog, summariseReplay, treeToPetriNet, type EventLog,
} from '../../packages/analysis/src/index.js';

const path = process.argv[2];
if (!path) throw new Error('usage: speed-steps.ts FILE.xes.gz');

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const f4 = (x: number) => (Number.isFinite(x) ? x.toFixed(4) : 'n/a');

async function timed<T>(fn: () => T | Promise<T>): Promise<{ value: T; ms: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { value, ms: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}
const row = (step: string, t: { ms: number; cpu: number }, result: string) =>
  console.log(`| ${step} | ${t.ms.toFixed(0)} | ${t.cpu.toFixed(0)} | ${mb()} | ${result} |`);

console.log('| Step | Wall (ms) | CPU (ms) | Peak RSS so far (MB) | Result |');
console.log('|---|---|---|---|---|');
console.log(`| (process start) | | | ${mb()} | |`);
const parse = await timed(() => readXesFile(path));
const log = parse.value;
row('XES parse (.xes.gz, streaming)', parse, `${log.cases.length} cases, ${countEvents(log)} events`);
const dfg = await timed(() => discoverDfg(log));
row('DFG', dfg, `${dfg.value.edges.length} edges`);
const imf = await timed(() => treeToPetriNet(discoverProcessTree(log, { noiseThreshold: 0.2 })));
const size = netSize(imf.value);
row('IMf 0.2 (tree + Petri net)', imf, `${size.places}/${size.transitions} (${size.silent})`);
const heu = await timed(() => heuristicsNetToPetriNet(discoverHeuristicsNet(log)));
const heuSize = netSize(heu.value);
row('Heuristics miner (net + Petri net)', heu, `${heuSize.places}/${heuSize.transitions} (${heuSize.silent})`);
const cnet = compileNet(imf.value);
const tbr = await timed(() => summariseReplay(replayLog(log, createReplaySetup(cnet))));
row('Token replay (all cases)', tbr, `fitness ${f4(tbr.value.logFitness)}`);
const peakCore = mb();
const subset: EventLog = { ...log, cases: log.cases.slice(0, 1400) };
const align = await timed(() => alignLog(subset, createAlignSetup(cnet)));
row('Alignments (first 1,400 cases)', align, `fitness ${f4(align.value.logFitness)}, ${align.value.variants.length} variants, ${align.value.unfinishedCases} unfinished`);
const prec = await timed(() => etcPrecision(log, createReplaySetup(cnet)));
row('ETC precision (all cases)', prec, f4(prec.value));
const wall = parse.ms + imf.ms + tbr.ms;
const cpu = parse.cpu + imf.cpu + tbr.cpu;
console.log(`\nParse + IMf + token replay: ${(wall / 1000).toFixed(2)} s wall, ${(cpu / 1000).toFixed(2)} s CPU (goal < 10 s), peak RSS ${peakCore} MB (goal < 1024 MB); alignments on 1,400 cases: ${(align.ms / 1000).toFixed(2)} s wall, ${(align.cpu / 1000).toFixed(2)} s CPU (goal < 30 s).`);
