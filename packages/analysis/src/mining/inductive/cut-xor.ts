import { addTrace, components, hasEdge, mostOverlappingGroup, type ImContext, type ImData, type Uvcl } from './im-log.js';

/**
 * PM4Py's exclusive-choice cut: connected components of the undirected DFG. PM4Py orders the groups
 * by a Python set of activities (hash order, varies with PYTHONHASHSEED), which decides IMf's ties
 * in `projectXor`; ours are ordered by their alphabetically first activity, always.
 */
export function findXorCut(ctx: ImContext, data: ImData): Set<number>[] | null {
  const { dfg } = data;
  const groups = components(dfg.vertices, (a, b) => hasEdge(ctx, dfg, a, b) || hasEdge(ctx, dfg, b, a));
  return groups.length > 1 ? groups : null;
}

/** Each trace goes to the group holding most of its events (ties: the later group), keeping only those events. */
export function projectXor(log: Uvcl, groups: Set<number>[]): Uvcl[] {
  const logs: Uvcl[] = groups.map(() => new Map());
  for (const { trace, count } of log.values()) {
    const best = mostOverlappingGroup(groups, trace);
    addTrace(logs[best], trace.filter((e) => groups[best].has(e)), count);
  }
  return logs;
}
