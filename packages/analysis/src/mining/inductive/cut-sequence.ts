import { addTrace, components, successors, hasEdge, type ImContext, type ImData, type ImDfg, type Uvcl } from './im-log.js';

/** Reachability by one or more edges, via strongly connected components and bitsets (O(E·V/32)). */
export interface Reachability {
  reaches(a: number, b: number): boolean;
}

export function transitiveReachability(ctx: ImContext, dfg: ImDfg): Reachability {
  const verts = dfg.vertices;
  const index = new Map(verts.map((v, i) => [v, i]));
  const n = verts.length;
  const succ = successors(ctx, dfg);
  const adj: number[][] = verts.map((v) => (succ.get(v) ?? []).filter((w) => index.has(w)).map((w) => index.get(w)!));
  // Tarjan's SCC, iterative.
  const comp = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const num = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const comps: number[][] = [];
  let counter = 0;
  for (let root = 0; root < n; root++) {
    if (num[root] >= 0) continue;
    const work: Array<[node: number, edge: number]> = [[root, 0]];
    num[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length) {
      const top = work[work.length - 1];
      const [v, e] = top;
      if (e < adj[v].length) {
        top[1]++;
        const w = adj[v][e];
        if (num[w] < 0) {
          num[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) low[v] = Math.min(low[v], num[w]);
        continue;
      }
      work.pop();
      if (work.length) low[work[work.length - 1][0]] = Math.min(low[work[work.length - 1][0]], low[v]);
      if (low[v] === num[v]) {
        const members: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp[w] = comps.length;
          members.push(w);
        } while (w !== v);
        comps.push(members);
      }
    }
  }
  // Components come out in reverse topological order: successors first.
  const words = (n + 31) >>> 5;
  const reach = comps.map(() => new Uint32Array(words));
  comps.forEach((members, c) => {
    const r = reach[c];
    const cyclic = members.length > 1 || members.some((v) => adj[v].includes(v));
    for (const v of members) {
      if (cyclic) r[v >>> 5] |= 1 << (v & 31);
      for (const w of adj[v]) {
        const d = comp[w];
        if (d === c) continue;
        r[w >>> 5] |= 1 << (w & 31);
        const rd = reach[d];
        for (let k = 0; k < words; k++) r[k] |= rd[k];
      }
    }
  });
  return {
    reaches(a, b) {
      const ia = index.get(a);
      const ib = index.get(b);
      if (ia === undefined || ib === undefined) return false;
      return (reach[comp[ia]][ib >>> 5] & (1 << (ib & 31))) !== 0;
    },
  };
}

/** Basic sequence cut: merge pairwise reachable and pairwise unreachable activities; order by reachability. */
function sequenceGroups(ctx: ImContext, dfg: ImDfg): Set<number>[] | null {
  if (dfg.vertices.length === 0) return null;
  const reach = transitiveReachability(ctx, dfg);
  const groups = components(dfg.vertices, (a, b) => reach.reaches(a, b) === reach.reaches(b, a));
  const reaches = (g: Set<number>, h: Set<number>) => [...g].some((a) => [...h].some((b) => reach.reaches(a, b)));
  groups.sort((g, h) => (reaches(g, h) ? -1 : reaches(h, g) ? 1 : 0));
  return groups.length > 1 ? groups : null;
}

/** PM4Py's strict sequence cut (Leemans p. 233): merges groups that can be skipped together. */
export function findSequenceCut(ctx: ImContext, data: ImData): Set<number>[] | null {
  const { dfg } = data;
  const c = sequenceGroups(ctx, dfg);
  if (!c) return null;
  const start = new Set(dfg.start.keys());
  const end = new Set(dfg.end.keys());
  const BIG = Number.MAX_SAFE_INTEGER;
  const mf = c.map((g) => ([...g].some((a) => start.has(a)) ? -BIG : BIG));
  const mt = c.map((g) => ([...g].some((a) => end.has(a)) ? BIG : -BIG));
  const cmap = new Map<number, number>();
  c.forEach((g, i) => g.forEach((a) => cmap.set(a, i)));
  for (const k of dfg.edges.keys()) {
    const a = Math.floor(k / ctx.size);
    const b = k % ctx.size;
    mf[cmap.get(b)!] = Math.min(mf[cmap.get(b)!], cmap.get(a)!);
    mt[cmap.get(a)!] = Math.max(mt[cmap.get(a)!], cmap.get(b)!);
  }
  const skippable = (p: number): boolean => {
    for (let i = 0; i < p; i++) {
      for (let j = p + 1; j < c.length; j++) {
        for (const a of c[i]) for (const b of c[j]) if (hasEdge(ctx, dfg, a, b)) return true;
      }
    }
    for (let i = p + 1; i < c.length; i++) for (const a of c[i]) if (start.has(a)) return true;
    for (let i = 0; i < p; i++) for (const a of c[i]) if (end.has(a)) return true;
    return false;
  };
  for (let p = 0; p < c.length; p++) {
    if (!skippable(p)) continue;
    let q = p - 1;
    while (q >= 0 && mt[q] <= p) {
      c[p] = new Set([...c[p], ...c[q]]);
      c[q] = new Set();
      q--;
    }
    q = p + 1;
    while (q < mf.length && mf[q] >= p) {
      c[p] = new Set([...c[p], ...c[q]]);
      c[q] = new Set();
      q++;
    }
  }
  const out = c.filter((g) => g.size > 0);
  return out;
}

/** Splits each trace at the least-cost points so that part i holds group i's events. */
export function projectSequence(log: Uvcl, groups: Set<number>[]): Uvcl[] {
  const logs: Uvcl[] = groups.map(() => new Map());
  for (const { trace, count } of log.values()) {
    let split = 0;
    const seen = new Set<number>();
    groups.forEach((g, i) => {
      const next = splitPoint(trace, g, split, seen);
      const part: number[] = [];
      for (let j = split; j < next; j++) if (g.has(trace[j])) part.push(trace[j]);
      addTrace(logs[i], part, count);
      split = next;
      for (const a of g) seen.add(a);
    });
  }
  return logs;
}

function splitPoint(t: readonly number[], group: Set<number>, start: number, ignore: Set<number>): number {
  let least = 0;
  let pos = start;
  let cost = 0;
  for (let i = start; i < t.length; i++) {
    if (group.has(t[i])) cost--;
    else if (!ignore.has(t[i])) cost++;
    if (cost < least) {
      least = cost;
      pos = i + 1;
    }
  }
  return pos;
}
