import type { EventLog } from '../../log/event-log.js';

/** PM4Py 2.7's heuristics-miner defaults. */
export const HEURISTICS_DEFAULTS = {
  dependencyThreshold: 0.5,
  andThreshold: 0.65,
  loopTwoThreshold: 0.5,
  minActivityCount: 1,
  minDfgOccurrences: 1,
  dfgNoiseThreshold: 0.05,
} as const;

export type HeuristicsOptions = Partial<{ -readonly [K in keyof typeof HEURISTICS_DEFAULTS]: number }>;

/** A heuristics net: activities, their dependency arcs, AND relations between outputs / inputs, start and end activities. */
export interface HeuristicsNet {
  /** Activities in the order PM4Py adds them. */
  readonly nodes: readonly string[];
  readonly occurrences: ReadonlyMap<string, number>;
  /** from → to → dependency measure (0 for arcs added by the length-two loop rule). */
  readonly outputs: ReadonlyMap<string, ReadonlyMap<string, number>>;
  readonly inputs: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** node → (first, second) output pairs whose AND measure passes the threshold (first < second by name). */
  readonly andOut: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;
  readonly andIn: ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, number>>>;
  readonly start: ReadonlyMap<string, number>;
  readonly end: ReadonlyMap<string, number>;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The heuristics miner as PM4Py 2.7's classic variant computes it: DFG pre-cleaning (an arc below
 * 5 % of the strongest arc of both its ends is dropped), dependency (a→b: (|a>b| − |b>a|) / (|a>b| +
 * |b>a| + 1), a→a: |a>a| / (|a>a| + 1)) kept at ≥ 0.5, AND measures ≥ 0.65, length-two loops from
 * a-b-a triples (≥ 0.5). Arcs are visited in (from, to) name order, as PM4Py's DataFrame DFG. Pure.
 */
export function discoverHeuristicsNet(log: EventLog, options: HeuristicsOptions = {}): HeuristicsNet {
  const o = { ...HEURISTICS_DEFAULTS, ...options };
  const raw = new Map<string, Map<string, number>>();
  const triples = new Map<string, Map<string, number>>();
  const occurrences = new Map<string, number>();
  const start = new Map<string, number>();
  const end = new Map<string, number>();
  const bump = (m: Map<string, Map<string, number>>, a: string, b: string) => {
    let row = m.get(a);
    if (!row) m.set(a, (row = new Map()));
    row.set(b, (row.get(b) ?? 0) + 1);
  };
  for (const c of log.cases) {
    const t = Array.from(c.activities, (a) => log.activities[a]);
    if (t.length === 0) continue;
    start.set(t[0], (start.get(t[0]) ?? 0) + 1);
    end.set(t[t.length - 1], (end.get(t[t.length - 1]) ?? 0) + 1);
    t.forEach((a, i) => {
      occurrences.set(a, (occurrences.get(a) ?? 0) + 1);
      if (i > 0) bump(raw, t[i - 1], a);
      if (i > 1 && t[i - 2] === a && t[i - 1] !== a) bump(triples, a, t[i - 1]);
    });
  }
  const get = (m: ReadonlyMap<string, ReadonlyMap<string, number>>, a: string, b: string) => m.get(a)?.get(b) ?? 0;
  // Pre-cleaning against each activity's strongest arc, in or out, of the raw DFG.
  const maxArc = new Map<string, number>();
  for (const [a, row] of raw) for (const [b, n] of row) {
    maxArc.set(a, Math.max(maxArc.get(a) ?? -1, n));
    maxArc.set(b, Math.max(maxArc.get(b) ?? -1, n));
  }
  const dfg = new Map<string, Map<string, number>>();
  for (const a of [...raw.keys()].sort(cmp)) {
    for (const b of [...raw.get(a)!.keys()].sort(cmp)) {
      const n = raw.get(a)!.get(b)!;
      if (n < Math.min(maxArc.get(a)! * o.dfgNoiseThreshold, maxArc.get(b)! * o.dfgNoiseThreshold)) continue;
      if (!dfg.has(a)) dfg.set(a, new Map());
      dfg.get(a)!.set(b, n);
    }
  }
  const dependency = (a: string, b: string) => {
    const n = get(dfg, a, b);
    return a === b ? n / (n + 1) : (n - get(dfg, b, a)) / (n + get(dfg, b, a) + 1);
  };
  const nodes: string[] = [];
  const outputs = new Map<string, Map<string, number>>();
  const inputs = new Map<string, Map<string, number>>();
  const addNode = (a: string) => {
    if (outputs.has(a)) return;
    nodes.push(a);
    outputs.set(a, new Map());
    inputs.set(a, new Map());
  };
  const connect = (a: string, b: string, dep: number) => {
    if (!outputs.get(a)!.has(b)) outputs.get(a)!.set(b, dep);
    if (!inputs.get(b)!.has(a)) inputs.get(b)!.set(a, dep);
  };
  const frequent = (a: string) => (occurrences.get(a) ?? 0) >= o.minActivityCount;
  for (const [a, row] of dfg) for (const [b, n] of row) {
    if (frequent(a) && frequent(b) && n >= o.minDfgOccurrences && dependency(a, b) >= o.dependencyThreshold) {
      addNode(a);
      addNode(b);
      connect(a, b, dependency(a, b));
    }
  }
  const andOut = new Map<string, Map<string, Map<string, number>>>();
  const andIn = new Map<string, Map<string, Map<string, number>>>();
  const loops = new Map<string, string[]>();
  for (const a of nodes) {
    andOut.set(a, andMeasures([...outputs.get(a)!.keys()], (x, y) => (get(dfg, x, y) + get(dfg, y, x)) / (get(dfg, a, x) + get(dfg, a, y) + 1), o.andThreshold));
    andIn.set(a, andMeasures([...inputs.get(a)!.keys()], (x, y) => (get(dfg, x, y) + get(dfg, y, x)) / (get(dfg, x, a) + get(dfg, y, a) + 1), o.andThreshold));
    const twos: string[] = [];
    for (const [b, v1] of triples.get(a) ?? []) {
      const v = v1 + get(triples, b, a);
      if (v / (v + 1) >= o.loopTwoThreshold) twos.push(b);
    }
    loops.set(a, twos);
  }
  for (const a of [...nodes]) {
    for (const b of loops.get(a) ?? []) {
      if (get(dfg, a, b) < o.minDfgOccurrences || !frequent(a) || !frequent(b)) continue;
      if ((dfg.get(a)?.has(b) && dependency(a, b) >= o.dependencyThreshold) || (dfg.get(b)?.has(a) && dependency(b, a) >= o.dependencyThreshold)) continue;
      addNode(b);
      connect(a, b, 0);
      connect(b, a, 0);
    }
  }
  if (nodes.length === 0) for (const a of occurrences.keys()) addNode(a);
  for (const a of nodes) {
    if (!andOut.has(a)) andOut.set(a, new Map());
    if (!andIn.has(a)) andIn.set(a, new Map());
  }
  return { nodes, occurrences, outputs, inputs, andOut, andIn, start, end };
}

function andMeasures(names: string[], measure: (x: string, y: string) => number, threshold: number): Map<string, Map<string, number>> {
  const sorted = [...names].sort(cmp);
  const out = new Map<string, Map<string, number>>();
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const v = measure(sorted[i], sorted[j]);
      if (v < threshold) continue;
      if (!out.has(sorted[i])) out.set(sorted[i], new Map());
      out.get(sorted[i])!.set(sorted[j], v);
    }
  }
  return out;
}
