import { countEvents, type EventLog } from './log/event-log.js';
import type { LifecycleRule } from './log/lifecycle-rule.js';
import { discoverDfg } from './mining/dfg.js';
import { discoverVariants } from './mining/variants.js';
import { discoverProcessTree } from './mining/inductive/inductive-miner.js';
import { formatTree, type ProcessTree } from './mining/process-tree.js';
import { compileNet, netSize, type PetriNet } from './petri/petri-net.js';
import { treeToPetriNet } from './petri/tree-to-petri.js';
import { discoverAlphaNet } from './mining/alpha/alpha-miner.js';
import { discoverHeuristicsNet } from './mining/heuristics/heuristics-net.js';
import { heuristicsNetToPetriNet } from './mining/heuristics/heuristics-to-petri.js';
import { createReplaySetup, replayLog, summariseReplay, type TokenReplayFitness } from './conformance/token-replay.js';
import { alignLog, type AlignmentFitness } from './conformance/alignments.js';
import { createAlignSetup, type AlignBudget } from './conformance/align-trace.js';
import { etcPrecision } from './quality/precision.js';
import { generalization } from './quality/generalization.js';
import { simplicity } from './quality/simplicity.js';

export type Miner = 'im' | 'imf' | 'heuristics' | 'alpha';

export interface MineOptions {
  /** `im` (default), `imf`, `heuristics` (PM4Py's default thresholds) or `alpha` (classic). */
  miner?: Miner;
  /** IMf noise threshold (default 0.2). */
  noise?: number;
  /** Compute fitness, precision, generalization and simplicity. */
  metrics?: boolean;
  alignBudget?: AlignBudget;
}

/** What `sopflow mine --json` prints (the shape the issue asks for), plus the tree and net. */
export interface MiningReport {
  /** Which lifecycle events the reader kept, and why (absent for logs built in memory). */
  lifecycle?: LifecycleRule;
  cases: number;
  events: number;
  activities: number;
  variants: number;
  places: number;
  transitions: number;
  silentTransitions: number;
  /** The process tree (IM / IMf only). */
  tree?: string;
  fitness?: { tbr: number; alignments: number; tbrDetail: TokenReplayFitness; alignmentDetail: Omit<AlignmentFitness, 'variants'> };
  /** Why the alignment figures are missing (NaN), e.g. a net that cannot reach its final marking. */
  alignmentsRefused?: string;
  precision?: number;
  generalization?: number;
  simplicity?: number;
}

/** Mines a log with IM, IMf, the heuristics or the alpha miner and (optionally) evaluates the model; one call for the CLI. Pure. */
export function mineLog(log: EventLog, options: MineOptions = {}): { report: MiningReport; tree?: ProcessTree; net: PetriNet } {
  const miner = options.miner ?? 'im';
  const tree = miner === 'im' || miner === 'imf' ? discoverProcessTree(log, { noiseThreshold: miner === 'imf' ? options.noise ?? 0.2 : 0 }) : undefined;
  const net = tree ? treeToPetriNet(tree) : miner === 'alpha' ? discoverAlphaNet(log) : heuristicsNetToPetriNet(discoverHeuristicsNet(log));
  const size = netSize(net);
  const report: MiningReport = {
    ...(log.lifecycleRule ? { lifecycle: log.lifecycleRule } : {}),
    cases: log.cases.length,
    events: countEvents(log),
    activities: discoverDfg(log).activities.length,
    variants: discoverVariants(log).length,
    places: size.places,
    transitions: size.transitions,
    silentTransitions: size.silent,
    ...(tree ? { tree: formatTree(tree) } : {}),
  };
  if (options.metrics) {
    const cnet = compileNet(net);
    const setup = createReplaySetup(cnet);
    const replay = replayLog(log, setup);
    const tbr = summariseReplay(replay);
    const { variants: _omit, ...align } = alignLog(log, createAlignSetup(cnet), options.alignBudget);
    report.fitness = { tbr: tbr.logFitness, alignments: align.logFitness, tbrDetail: tbr, alignmentDetail: align };
    if (!align.easySound) report.alignmentsRefused = 'the net cannot reach its final marking (not easy sound): no alignment exists; PM4Py refuses it too';
    report.precision = etcPrecision(log, setup);
    report.generalization = generalization(log, setup, replay);
    report.simplicity = simplicity(net);
  }
  return { report, tree, net };
}
