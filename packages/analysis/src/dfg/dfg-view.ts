import type { EventLog } from '../log/event-log.js';
import { discoverDfg, type DfgEdge } from '../mining/dfg.js';
import { discoverVariants } from '../mining/variants.js';

/** What the arcs of a DFG view show: how often (`frequency`) or how long between the two events (`performance`). */
export type DfgMeasure = 'frequency' | 'performance';

export interface DfgViewOptions {
  /** Default `frequency`. */
  measure?: DfgMeasure;
  /** Keep the most frequent variants until they cover at least this share of cases (0 < x ≤ 1; default 1, all). */
  coverage?: number;
  /** Drop arcs (start and end arcs included) seen fewer than this many times, and activities left with no arc (default 1, none dropped). */
  minArc?: number;
}

/** A directly-follows graph after the filters, with what was kept. */
export interface DfgView {
  readonly measure: DfgMeasure;
  readonly cases: { readonly kept: number; readonly total: number };
  readonly variants: { readonly kept: number; readonly total: number };
  readonly activities: ReadonlyArray<{ readonly name: string; readonly count: number }>;
  /** Most frequent first; `meanMs` / `medianMs` are NaN when the log has no timestamps. */
  readonly edges: readonly DfgEdge[];
  readonly startActivities: ReadonlyArray<{ readonly name: string; readonly count: number }>;
  readonly endActivities: ReadonlyArray<{ readonly name: string; readonly count: number }>;
  /** Arcs dropped by `minArc` (directly-follows, start and end arcs together). */
  readonly arcsDropped: number;
}

/**
 * The DFG of the cases in the most frequent variants covering `coverage` of the cases (variants in
 * `discoverVariants` order: count, then sequence text), without arcs seen fewer than `minArc` times. Pure.
 * @example buildDfgView(log, { measure: 'performance', coverage: 0.8, minArc: 2 })
 */
export function buildDfgView(log: EventLog, options: DfgViewOptions = {}): DfgView {
  const coverage = options.coverage ?? 1;
  const minArc = options.minArc ?? 1;
  if (!(coverage > 0 && coverage <= 1)) throw new RangeError(`coverage must be in (0, 1], not ${coverage}`);
  if (!(Number.isInteger(minArc) && minArc >= 1)) throw new RangeError(`minArc must be a whole number ≥ 1, not ${minArc}`);
  const variants = discoverVariants(log);
  const keptIds = new Set<string>();
  let covered = 0;
  let variantsKept = 0;
  for (const v of variants) {
    if (covered >= coverage * log.cases.length - 1e-9) break;
    for (const id of v.caseIds) keptIds.add(id);
    covered += v.count;
    variantsKept++;
  }
  const kept = log.cases.filter((c) => keptIds.has(c.id));
  const dfg = discoverDfg({ ...log, cases: kept });
  const frequent = <T extends { count: number }>(xs: readonly T[]) => xs.filter((x) => x.count >= minArc);
  const ends = (m: ReadonlyMap<string, number>) => [...m].map(([name, count]) => ({ name, count }));
  const start = ends(dfg.startActivities);
  const end = ends(dfg.endActivities);
  const edges = frequent(dfg.edges);
  const startKept = frequent(start);
  const endKept = frequent(end);
  const linked = new Set([...edges.flatMap((e) => [e.from, e.to]), ...startKept.map((x) => x.name), ...endKept.map((x) => x.name)]);
  return {
    measure: options.measure ?? 'frequency',
    cases: { kept: kept.length, total: log.cases.length },
    variants: { kept: variantsKept, total: variants.length },
    activities: dfg.activities.filter((a) => linked.has(a.name)),
    edges,
    startActivities: startKept,
    endActivities: endKept,
    arcsDropped: dfg.edges.length - edges.length + start.length - startKept.length + end.length - endKept.length,
  };
}
