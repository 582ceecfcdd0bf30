import type { EventLog } from '../log/event-log.js';
import { compileNet, type PetriNet } from '../petri/petri-net.js';
import { alignTrace, createAlignSetup, MOVE_COST, type AlignBudget, type AlignSetup, type TraceAlignment } from './align-trace.js';
import { labelVariants } from './token-replay.js';
import { isMarkingEquationFeasible } from '../petri/marking-equation.js';

export interface VariantAlignment {
  readonly trace: readonly string[];
  readonly count: number;
  readonly alignment: TraceAlignment;
  /** Cost of the worst sensible alignment: all log moves plus the cheapest run of the model. */
  readonly bestWorstCost: number;
  /** 1 − deviations / (trace length + model's shortest visible run); NaN when not finished. */
  readonly fitness: number;
}

export interface AlignmentFitness {
  /** PM4Py's log_fitness = 1 − Σ cost / Σ best-worst cost, over finished traces. */
  readonly logFitness: number;
  readonly averageTraceFitness: number;
  readonly percentageFittingTraces: number;
  /** Cases whose alignment ran out of budget (excluded from the figures above). */
  readonly unfinishedCases: number;
  /**
   * False when the final marking is provably unreachable (the marking equation has no solution, or
   * every reachable marking was searched): PM4Py raises "not a easy sound net" there, so the figures are NaN.
   */
  readonly easySound: boolean;
  readonly variants: readonly VariantAlignment[];
}

/** Cost of aligning the empty trace: the model's cheapest path from initial to final marking. */
export function bestWorstCost(setup: AlignSetup, budget?: AlignBudget): number {
  const r = alignTrace(setup, [], budget);
  return r.finished ? r.cost : NaN;
}

/**
 * Optimal alignments of every variant of the log (each variant aligned once) and the fitness figures
 * `pm4py.fitness_alignments` reports. Pure, apart from the optional wall-clock budget.
 */
export function alignLog(log: EventLog, net: PetriNet | AlignSetup, budget: AlignBudget = {}): AlignmentFitness {
  const setup = 'labelsFrom' in net ? net : createAlignSetup(compileNet(net));
  if (!isMarkingEquationFeasible(setup.cnet.net)) return notEasySound(log);
  const empty = alignTrace(setup, [], budget);
  const searchedAll = !empty.finished && budget.maxMillis === undefined && empty.expanded <= Math.min(budget.maxExpanded ?? 200_000, 20_000);
  if (searchedAll) return notEasySound(log);
  const bwcModel = empty.finished ? empty.cost : NaN;
  const variants: VariantAlignment[] = labelVariants(log).map(({ trace, count }) => {
    const alignment = alignTrace(setup, trace, budget);
    const bwc = MOVE_COST * trace.length + bwcModel;
    const dev = Math.floor(alignment.cost / MOVE_COST);
    const denom = Math.floor(bwc / MOVE_COST);
    const fitness = !alignment.finished ? NaN : denom > 0 ? 1 - dev / denom : 0;
    return { trace, count, alignment, bestWorstCost: bwc, fitness };
  });
  let n = 0, fit = 0, sumFit = 0, cost = 0, bwc = 0, unfinished = 0;
  for (const v of variants) {
    if (!v.alignment.finished) {
      unfinished += v.count;
      continue;
    }
    n += v.count;
    if (v.fitness === 1) fit += v.count;
    sumFit += v.fitness * v.count;
    cost += v.alignment.cost * v.count;
    bwc += v.bestWorstCost * v.count;
  }
  return {
    logFitness: n > 0 && bwc > 0 ? 1 - cost / bwc : 0,
    averageTraceFitness: n > 0 ? sumFit / n : 0,
    percentageFittingTraces: n > 0 ? (100 * fit) / n : 0,
    unfinishedCases: unfinished,
    easySound: true,
    variants,
  };
}

function notEasySound(log: EventLog): AlignmentFitness {
  return { logFitness: NaN, averageTraceFitness: NaN, percentageFittingTraces: NaN, unfinishedCases: log.cases.length, easySound: false, variants: [] };
}
