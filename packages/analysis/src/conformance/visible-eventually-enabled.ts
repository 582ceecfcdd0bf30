import type { CompiledNet } from '../petri/petri-net.js';
import { fire, isEnabled, markingKey, type Marking } from './marking.js';

/**
 * Visible transitions eventually enabled by a marking, exactly as PM4Py 2.7's
 * `align_utils.get_visible_transitions_eventually_enabled_by_marking` finds them (used by its ETC
 * precision and by token replay's enabled set): a queue of the enabled transitions sorted by name;
 * each transition has one marking in a table that is overwritten whenever it is enabled again; a
 * silent transition fires from its *current* table marking, appending what the new marking enables;
 * (transition, marking) pairs are visited once. So it explores fewer silent paths than
 * `visibleReachableThroughSilent` and may report fewer transitions. Pure; throws past `maxSteps`
 * queue entries (an unbounded silent region, where PM4Py would not stop).
 */
export function visibleEventuallyEnabled(cnet: CompiledNet, m: Marking, maxSteps = 1_000_000): Set<number> {
  const byName = transitionsByName(cnet);
  const enabledSorted = (mk: Marking): number[] => byName.filter((t) => isEnabled(cnet, t, mk));
  const queue = enabledSorted(m);
  const markingOf = new Map<number, Marking>(queue.map((t) => [t, m]));
  const visited = new Set<string>();
  const visible = new Set<number>();
  for (let i = 0; i < queue.length; i++) {
    if (i >= maxSteps) throw new Error(`silent transitions reach more than ${maxSteps} states from one marking (an unbounded net?)`);
    const t = queue[i];
    const mk = markingOf.get(t)!;
    const key = `${t}|${markingKey(mk)}`;
    if (visited.has(key)) continue;
    if (!cnet.silent[t]) visible.add(t);
    else if (isEnabled(cnet, t, mk)) {
      const next = fire(cnet, t, mk);
      for (const t2 of enabledSorted(next)) {
        queue.push(t2);
        markingOf.set(t2, next);
      }
    }
    visited.add(key);
  }
  return visible;
}

/**
 * Every visible transition enabled in some marking reachable from `m` through silent transitions
 * (breadth-first over those markings; the textbook definition, not PM4Py's). Pure; throws past
 * `maxStates` markings.
 */
export function visibleReachableThroughSilent(cnet: CompiledNet, m: Marking, maxStates = 100_000): Set<number> {
  const visible = new Set<number>();
  const seen = new Set<string>([markingKey(m)]);
  const queue: Marking[] = [m];
  for (let i = 0; i < queue.length; i++) {
    const cur = queue[i];
    for (let t = 0; t < cnet.pre.length; t++) {
      if (!isEnabled(cnet, t, cur)) continue;
      if (!cnet.silent[t]) {
        visible.add(t);
        continue;
      }
      const next = fire(cnet, t, cur);
      const key = markingKey(next);
      if (seen.has(key)) continue;
      if (seen.size >= maxStates) throw new Error(`silent transitions reach more than ${maxStates} markings from one marking (an unbounded net?)`);
      seen.add(key);
      queue.push(next);
    }
  }
  return visible;
}

const sortedByName = new WeakMap<CompiledNet, number[]>();

/** Transition indices in PM4Py's order: by name (code-unit order), then by position for equal names. */
function transitionsByName(cnet: CompiledNet): number[] {
  let order = sortedByName.get(cnet);
  if (!order) {
    const names = cnet.net.transitions.map((t) => t.name);
    order = names.map((_, i) => i).sort((a, b) => (names[a] < names[b] ? -1 : names[a] > names[b] ? 1 : a - b));
    sortedByName.set(cnet, order);
  }
  return order;
}
