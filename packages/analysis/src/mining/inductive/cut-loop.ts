import { addTrace, components, hasEdge, mostOverlappingGroup, type ImContext, type ImData, type Uvcl } from './im-log.js';

/** PM4Py's loop cut: do = start ∪ end activities plus what must belong to it; redo = the other components. */
export function findLoopCut(ctx: ImContext, data: ImData): Set<number>[] | null {
  const { dfg } = data;
  if (dfg.edges.size === 0) return null;
  const start = new Set(dfg.start.keys());
  const end = new Set(dfg.end.keys());
  const edges = [...dfg.edges.keys()].map((k) => [Math.floor(k / ctx.size), k % ctx.size] as const);
  const outOf = new Map<number, number[]>();
  const intoOf = new Map<number, number[]>();
  for (const [a, b] of edges) {
    if (!outOf.has(a)) outOf.set(a, []);
    outOf.get(a)!.push(b);
    if (!intoOf.has(b)) intoOf.set(b, []);
    intoOf.get(b)!.push(a);
  }
  const inner = dfg.vertices.filter((v) => !start.has(v) && !end.has(v));
  const innerEdge = (a: number, b: number) => hasEdge(ctx, dfg, a, b);
  let groups: Set<number>[] = [new Set([...start, ...end]), ...components(inner, (a, b) => innerEdge(a, b) || innerEdge(b, a))];

  const mergeIntoDo = (a: number, b: number) => {
    const ga = groups.find((g) => g.has(a))!;
    const gb = groups.find((g) => g.has(b))!;
    if (ga === gb && groups[0] === ga) return;
    groups = groups.filter((g) => g !== ga && g !== gb);
    groups.unshift(ga === gb ? ga : new Set([...ga, ...gb]));
  };
  for (const a of start) if (!end.has(a)) for (const b of outOf.get(a) ?? []) mergeIntoDo(a, b);
  for (const b of end) if (!start.has(b)) for (const a of intoOf.get(b) ?? []) mergeIntoDo(a, b);

  // Start completeness: a redo activity that leads back to a start activity must lead to all of them.
  mergeIntoDoGroupWhere(groups, (a) =>
    (outOf.get(a) ?? []).some((b) => start.has(b)) && [...start].some((s) => !hasEdge(ctx, dfg, a, s)));
  // End completeness: a redo activity entered from an end activity must be entered from all of them.
  mergeIntoDoGroupWhere(groups, (a) =>
    (intoOf.get(a) ?? []).some((b) => end.has(b)) && [...end].some((e) => !hasEdge(ctx, dfg, e, a)));
  groups = groups.filter((g) => g.size > 0);
  return groups.length > 1 ? groups : null;
}

/** Merges into the do group (`groups[0]`), in place, every redo group holding an activity that is `misplaced`. */
function mergeIntoDoGroupWhere(groups: Set<number>[], misplaced: (activity: number) => boolean): void {
  let i = 1;
  while (i < groups.length) {
    if ([...groups[i]].some((a) => misplaced(a))) {
      groups[0] = new Set([...groups[0], ...groups[i]]);
      groups.splice(i, 1);
      continue;
    }
    i++;
  }
}

/** Splits traces into do parts and redo parts (each redo part to the redo group it overlaps most). */
export function projectLoop(log: Uvcl, groups: Set<number>[]): Uvcl[] {
  const [doGroup, ...redo] = groups;
  const redoActs = new Set(redo.flatMap((g) => [...g]));
  const doLog: Uvcl = new Map();
  const redoLogs: Uvcl[] = redo.map(() => new Map());
  const toRedo = (part: number[], count: number) => addTrace(redoLogs[mostOverlappingGroup(redo, new Set(part))], part, count);
  for (const { trace, count } of log.values()) {
    let doPart: number[] = [];
    let redoPart: number[] = [];
    for (const e of trace) {
      if (doGroup.has(e)) {
        doPart.push(e);
        if (redoPart.length > 0) {
          toRedo(redoPart, count);
          redoPart = [];
        }
      } else if (redoActs.has(e)) {
        redoPart.push(e);
        if (doPart.length > 0) {
          addTrace(doLog, doPart, count);
          doPart = [];
        }
      }
    }
    if (redoPart.length > 0) toRedo(redoPart, count);
    addTrace(doLog, doPart, count);
  }
  return [doLog, ...redoLogs];
}
