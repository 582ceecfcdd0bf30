import { addTrace, components, successors, hasEdge, type ImContext, type ImData, type ImDfg, type Uvcl } from './im-log.js';

/** Transitive successors (reachability by one or more edges) of every vertex. */
export function transitiveSuccessors(ctx: ImContext, dfg: ImDfg): Map<number, Set<number>> {
  const succ = successors(ctx, dfg);
  const out = new Map<number, Set<number>>();
  for (const v of dfg.vertices) {
    const seen = new Set<number>();
    const stack = [...(succ.get(v) ?? [])];
    while (stack.length) {
      const x = stack.pop()!;
      if (seen.has(x)) continue;
      seen.add(x);
      for (const y of succ.get(x) ?? []) if (!seen.has(y)) stack.push(y);
    }
    out.set(v, seen);
  }
  return out;
}

/** Basic sequence cut: merge pairwise reachable and pairwise unreachable activities; order by reachability. */
function sequenceGroups(ctx: ImContext, dfg: ImDfg): Set<number>[] | null {
  const succ = transitiveSuccessors(ctx, dfg);
  if (dfg.vertices.length === 0) return null;
  const groups = components(dfg.vertices, (a, b) => {
    const ab = succ.get(a)!.has(b);
    const ba = succ.get(b)!.has(a);
    return ab === ba;
  });
  const reaches = (g: Set<number>, h: Set<number>) => [...g].some((a) => [...h].some((b) => succ.get(a)!.has(b)));
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
