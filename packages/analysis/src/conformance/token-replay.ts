import type { EventLog } from '../log/event-log.js';
import { compileNet, type CompiledNet, type PetriNet } from '../petri/petri-net.js';
import { hiddenPaths } from './hidden-paths.js';
import { replayTrace, type ReplayOptions, type ReplaySetup, type TraceReplay } from './replay-trace.js';

/** Everything needed to replay traces on one net; build once, replay many. */
export function createReplaySetup(net: PetriNet | CompiledNet): ReplaySetup {
  const cnet = 'pre' in net ? net : compileNet(net);
  const byLabel = new Map<string, number>();
  cnet.net.transitions.forEach((t, i) => {
    if (t.label !== null) byLabel.set(t.label, i);
  });
  const placeOrder = cnet.net.places.map((_, i) => i).sort((a, b) => {
    const x = cnet.net.places[a].name;
    const y = cnet.net.places[b].name;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return { cnet, paths: hiddenPaths(cnet), byLabel, placeOrder };
}

export const FITNESS_REPLAY: ReplayOptions = {
  considerRemaining: true, reachFinalThroughHidden: true, stopImmediatelyUnfit: false, walkThroughHidden: true,
};

/** Per-variant replay results, weighted by how many cases follow each variant. */
export interface LogReplay {
  readonly variants: ReadonlyArray<{ readonly trace: readonly string[]; readonly count: number; readonly result: TraceReplay }>;
}

export interface TokenReplayFitness {
  /** PM4Py's log_fitness: 0.5(1 − missing/consumed) + 0.5(1 − remaining/produced) over all cases. */
  readonly logFitness: number;
  readonly averageTraceFitness: number;
  readonly percentageFittingTraces: number;
  readonly missing: number;
  readonly consumed: number;
  readonly remaining: number;
  readonly produced: number;
}

/** Traces of the log grouped by variant (labels), in first-seen order. */
export function labelVariants(log: EventLog): Array<{ trace: string[]; count: number }> {
  const map = new Map<string, { trace: string[]; count: number }>();
  for (const c of log.cases) {
    const key = c.activities.join(',');
    const v = map.get(key);
    if (v) v.count++;
    else map.set(key, { trace: Array.from(c.activities, (a) => log.activities[a]), count: 1 });
  }
  return [...map.values()];
}

/** Token-based replay of every variant of the log (PM4Py's defaults for fitness). Pure. */
export function replayLog(log: EventLog, net: PetriNet | ReplaySetup, options: ReplayOptions = FITNESS_REPLAY): LogReplay {
  const setup = 'cnet' in net ? net : createReplaySetup(net);
  return {
    variants: labelVariants(log).map((v) => ({ ...v, result: replayTrace(setup, v.trace, options) })),
  };
}

/** Token-based replay fitness as `pm4py.fitness_token_based_replay` reports it. Pure. */
export function tokenReplayFitness(log: EventLog, net: PetriNet | ReplaySetup): TokenReplayFitness {
  return summariseReplay(replayLog(log, net));
}

export function summariseReplay(replay: LogReplay): TokenReplayFitness {
  let n = 0, fit = 0, sumFit = 0, m = 0, c = 0, r = 0, p = 0;
  for (const { count, result } of replay.variants) {
    n += count;
    if (result.fit) fit += count;
    sumFit += result.fitness * count;
    m += result.missing * count;
    c += result.consumed * count;
    r += result.remaining * count;
    p += result.produced * count;
  }
  const ok = n > 0 && c > 0 && p > 0;
  return {
    logFitness: ok ? 0.5 * (1 - m / c) + 0.5 * (1 - r / p) : 0,
    averageTraceFitness: ok ? sumFit / n : 0,
    percentageFittingTraces: ok ? (100 * fit) / n : 0,
    missing: m, consumed: c, remaining: r, produced: p,
  };
}
