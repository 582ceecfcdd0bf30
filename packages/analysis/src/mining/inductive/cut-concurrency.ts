import { byName, components, hasEdge, setTrace, type ImContext, type ImData, type Uvcl } from './im-log.js';

/** PM4Py's concurrency cut: components of "not connected both ways", then every group needs a start and an end. */
export function findConcurrencyCut(ctx: ImContext, data: ImData): Set<number>[] | null {
  const { dfg } = data;
  const alphabet = [...dfg.vertices].sort(byName(ctx));
  if (alphabet.length === 0) return null;
  // Components keep the order of their alphabetically first member, as PM4Py's merge loop does.
  let groups = components(alphabet, (a, b) => !hasEdge(ctx, dfg, a, b) || !hasEdge(ctx, dfg, b, a));
  groups = groups.map((g, i) => ({ g, i })).sort((x, y) => x.g.size - y.g.size || x.i - y.i).map((x) => x.g);
  const start = new Set(dfg.start.keys());
  const end = new Set(dfg.end.keys());
  let i = 0;
  while (i < groups.length && groups.length > 1) {
    const g = groups[i];
    if ([...g].some((a) => start.has(a)) && [...g].some((a) => end.has(a))) {
      i++;
      continue;
    }
    groups.splice(i, 1);
    const target = i === 0 ? 0 : i - 1;
    groups[target] = new Set([...groups[target], ...g]);
  }
  return groups.length > 1 ? groups : null;
}

/** Projects every trace on each group (PM4Py assigns counts, so colliding projections keep the last count). */
export function projectConcurrency(log: Uvcl, groups: Set<number>[]): Uvcl[] {
  return groups.map((g) => {
    const out: Uvcl = new Map();
    for (const { trace, count } of log.values()) setTrace(out, trace.filter((e) => g.has(e)), count);
    return out;
  });
}
