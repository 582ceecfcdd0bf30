import { edgeModeTraits } from '@sopflow/format';
import type { EdgeMode, Workflow } from '@sopflow/format';

/** Edges that order two steps in the normal forward flow: taken on success, loops excluded. */
const isForward = (mode: EdgeMode): boolean => edgeModeTraits(mode).onSuccess && !edgeModeTraits(mode).loop;

/** Pure; node id → ids reachable from it along forward edges (itself excluded unless on a cycle). */
export function forwardReach(workflow: Workflow): Map<string, Set<string>> {
  const next = new Map<string, string[]>();
  for (const e of workflow.edges) {
    if (!isForward(e.mode)) continue;
    next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
    for (const c of e.cases ?? []) next.set(e.from, [...(next.get(e.from) ?? []), c.to]);
    if (e.defaultTo !== undefined) next.set(e.from, [...(next.get(e.from) ?? []), e.defaultTo]);
  }
  const reach = new Map<string, Set<string>>();
  for (const node of workflow.nodes) {
    const seen = new Set<string>();
    const stack = [...(next.get(node.id) ?? [])];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(next.get(id) ?? []));
    }
    reach.set(node.id, seen);
  }
  return reach;
}

/** Pure; whether one of the two steps always comes before the other along forward edges. */
export function areOrdered(reach: Map<string, Set<string>>, x: string, y: string): boolean {
  return (reach.get(x)?.has(y) ?? false) || (reach.get(y)?.has(x) ?? false);
}

/**
 * Pure; pairs of steps that run at the same time: they sit on different branches of one fan-out
 * (parallel, spawn, message, event, signal edges) and neither reaches the other. Each pair once, ids sorted.
 */
export function concurrentPairs(workflow: Workflow): [string, string][] {
  const reach = forwardReach(workflow);
  const pairs = new Map<string, [string, string]>();
  const fanOut = new Map<string, string[]>();
  for (const e of workflow.edges) if (edgeModeTraits(e.mode).fanOut) fanOut.set(e.from, [...(fanOut.get(e.from) ?? []), e.to]);
  for (const targets of fanOut.values()) {
    if (targets.length < 2) continue;
    const branches = targets.map((t) => new Set([t, ...(reach.get(t) ?? [])]));
    for (let i = 0; i < branches.length; i += 1) for (let j = i + 1; j < branches.length; j += 1) {
      for (const x of branches[i]) for (const y of branches[j]) {
        if (x === y || branches[j].has(x) || branches[i].has(y) || areOrdered(reach, x, y)) continue;
        const pair: [string, string] = x < y ? [x, y] : [y, x];
        pairs.set(pair.join('\u0000'), pair);
      }
    }
  }
  return [...pairs.values()];
}
