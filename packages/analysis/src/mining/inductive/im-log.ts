/**
 * The inductive miner's working data: a variant-compressed log (trace of activity ids → count) and
 * its directly-follows graph, as PM4Py's IMDataStructureUVCL.
 */
export type Uvcl = Map<string, { readonly trace: readonly number[]; count: number }>;

export interface ImDfg {
  /** Edge key `a * size + b` → frequency. */
  readonly edges: Map<number, number>;
  readonly start: Map<number, number>;
  readonly end: Map<number, number>;
  /** Activities of the graph, sorted by name. */
  readonly vertices: readonly number[];
}

/** Shared context: activity names (for PM4Py's alphabetical tie-breaks) and the key base. */
export interface ImContext {
  readonly names: readonly string[];
  readonly size: number;
}

export interface ImData {
  readonly log: Uvcl;
  readonly dfg: ImDfg;
}

export const edgeKey = (ctx: ImContext, a: number, b: number) => a * ctx.size + b;
export const keyOf = (trace: readonly number[]) => trace.join(',');

/** Counter.update semantics: adds `count` to the trace's frequency. */
export function addTrace(log: Uvcl, trace: readonly number[], count: number): void {
  const key = keyOf(trace);
  const v = log.get(key);
  if (v) v.count += count;
  else log.set(key, { trace, count });
}

/** Counter item assignment: PM4Py's concurrency projections overwrite rather than add. */
export function setTrace(log: Uvcl, trace: readonly number[], count: number): void {
  log.set(keyOf(trace), { trace, count });
}

export function byName(ctx: ImContext): (a: number, b: number) => number {
  return (a, b) => (ctx.names[a] < ctx.names[b] ? -1 : ctx.names[a] > ctx.names[b] ? 1 : 0);
}

/** DFG of a variant log (edges weighted by variant frequency). */
export function dfgOfLog(ctx: ImContext, log: Uvcl): ImDfg {
  const edges = new Map<number, number>();
  const start = new Map<number, number>();
  const end = new Map<number, number>();
  const verts = new Set<number>();
  for (const { trace, count } of log.values()) {
    if (trace.length === 0) continue;
    start.set(trace[0], (start.get(trace[0]) ?? 0) + count);
    end.set(trace[trace.length - 1], (end.get(trace[trace.length - 1]) ?? 0) + count);
    for (let i = 0; i < trace.length; i++) {
      verts.add(trace[i]);
      if (i > 0) {
        const k = edgeKey(ctx, trace[i - 1], trace[i]);
        edges.set(k, (edges.get(k) ?? 0) + count);
      }
    }
  }
  return { edges, start, end, vertices: [...verts].sort(byName(ctx)) };
}

export function imData(ctx: ImContext, log: Uvcl): ImData {
  return { log, dfg: dfgOfLog(ctx, log) };
}

/** Successor lists of the DFG. */
export function successors(ctx: ImContext, dfg: ImDfg): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const v of dfg.vertices) out.set(v, []);
  for (const k of dfg.edges.keys()) {
    const a = Math.floor(k / ctx.size);
    const b = k % ctx.size;
    if (!out.has(a)) out.set(a, []);
    out.get(a)!.push(b);
  }
  return out;
}

export function hasEdge(ctx: ImContext, dfg: ImDfg, a: number, b: number): boolean {
  return dfg.edges.has(edgeKey(ctx, a, b));
}

/** Activities occurring in the log. */
export function alphabet(log: Uvcl): Set<number> {
  const out = new Set<number>();
  for (const { trace } of log.values()) for (const a of trace) out.add(a);
  return out;
}

/** Groups as connected components of an undirected relation over `vertices` (order: by first vertex). */
export function components(vertices: readonly number[], related: (a: number, b: number) => boolean): Set<number>[] {
  const n = vertices.length;
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const ri = find(i);
      const rj = find(j);
      if (ri !== rj && related(vertices[i], vertices[j])) {
        if (ri < rj) parent[rj] = ri;
        else parent[ri] = rj;
      }
    }
  }
  const groups = new Map<number, Set<number>>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = new Set()));
    g.add(vertices[i]);
  }
  // Roots are the smallest index of each component, so map order = order of first vertex.
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

/** Index of the group holding most of `events` (ties: the later group); 0 when there are no groups. */
export function mostOverlappingGroup(groups: readonly Set<number>[], events: Iterable<number>): number {
  let best = 0;
  let bestCount = -1;
  groups.forEach((g, i) => {
    let n = 0;
    for (const e of events) if (g.has(e)) n++;
    if (n >= bestCount) {
      bestCount = n;
      best = i;
    }
  });
  return best;
}
