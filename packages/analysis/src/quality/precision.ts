import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../petri/petri-net.js';
import { visibleEventuallyEnabled, visibleReachableThroughSilent } from '../conformance/visible-eventually-enabled.js';
import { replayEvent, startReplay, type ReplayState } from '../conformance/replay-trace.js';
import { createReplaySetup, labelVariants } from '../conformance/token-replay.js';
import type { ReplaySetup } from '../conformance/replay-trace.js';

/**
 * ETC precision as `pm4py.precision_token_based_replay` computes it (Muñoz-Gama & Carmona): every
 * log prefix is replayed; activated-but-never-observed visible transitions are escaping edges. Pure.
 */
export interface PrecisionOptions {
  /**
   * PM4Py weighs the empty prefix by `len(log)`: the number of events when the log is a DataFrame
   * (what `pm4py.read_xes` returns) or of cases for a legacy EventLog object (what the reference
   * used for logs without timestamps). `auto` (default): events, or cases when no event has a timestamp.
   */
  emptyPrefixWeight?: 'events' | 'cases' | 'auto';
  /**
   * How visible transitions behind silent ones are found: `pm4py` (default) as PM4Py's
   * `get_visible_transitions_eventually_enabled_by_marking` does; `exhaustive`: every silently
   * reachable marking (can only report more escaping edges, so lower precision).
   */
  enabledSearch?: 'pm4py' | 'exhaustive';
}

interface PrefixNode {
  readonly children: Map<string, PrefixNode>;
  /** Cases that continue after this prefix. */
  count: number;
  readonly next: Set<string>;
}

const newNode = (): PrefixNode => ({ children: new Map(), count: 0, next: new Set() });

export function etcPrecision(log: EventLog, net: PetriNet | ReplaySetup, options: PrecisionOptions = {}): number {
  const setup = 'cnet' in net ? net : createReplaySetup(net);
  const { cnet } = setup;
  const mode = options.emptyPrefixWeight ?? 'auto';
  const byEvents = mode === 'events' || (mode === 'auto' && log.cases.some((c) => c.timestamps.some((t) => !Number.isNaN(t))));
  // Prefixes share their replay: walk a trie of the variants so each prefix costs one step.
  const root = newNode();
  const starts = new Set<string>();
  let weight = 0;
  for (const { trace, count } of labelVariants(log)) {
    weight += byEvents ? count * trace.length : count;
    if (trace.length > 0) starts.add(trace[0]);
    let node = root;
    for (let i = 0; i < trace.length - 1; i++) {
      let child = node.children.get(trace[i]);
      if (!child) node.children.set(trace[i], (child = newNode()));
      child.count += count;
      child.next.add(trace[i + 1]);
      node = child;
    }
  }
  const search = options.enabledSearch === 'exhaustive' ? visibleReachableThroughSilent : visibleEventuallyEnabled;
  const enabledCache = new Map<string, Set<string>>();
  const enabledLabels = (m: Int32Array): Set<string> => {
    const key = m.join(',');
    let labels = enabledCache.get(key);
    if (!labels) {
      labels = new Set([...search(cnet, m)].map((t) => cnet.net.transitions[t].label!));
      enabledCache.set(key, labels);
    }
    return labels;
  };
  const initial = enabledLabels(Int32Array.from(cnet.net.initialMarking));
  let sumAt = weight * initial.size;
  let sumEe = weight * [...initial].filter((l) => !starts.has(l)).length;
  const replayOptions = { considerRemaining: false, reachFinalThroughHidden: false, stopImmediatelyUnfit: true, walkThroughHidden: true };
  const stack: Array<{ node: PrefixNode; state: ReplayState }> = [{ node: root, state: startReplay(setup, false) }];
  while (stack.length) {
    const { node, state } = stack.pop()!;
    for (const [label, child] of node.children) {
      const next = replayEvent(setup, state, label, replayOptions);
      if (next.stopped) continue;
      const activated = enabledLabels(next.m);
      sumAt += activated.size * child.count;
      let escaping = 0;
      for (const l of activated) if (!child.next.has(l)) escaping++;
      sumEe += escaping * child.count;
      stack.push({ node: child, state: next });
    }
  }
  return sumAt > 0 ? 1 - sumEe / sumAt : 1;
}
