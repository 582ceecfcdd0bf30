import type { EventLog } from '../log/event-log.js';
import type { PetriNet } from '../petri/petri-net.js';
import { visibleEventuallyEnabled } from '../conformance/marking.js';
import { replayTrace } from '../conformance/replay-trace.js';
import { createReplaySetup, labelVariants } from '../conformance/token-replay.js';
import type { ReplaySetup } from '../conformance/replay-trace.js';

/**
 * ETC precision as `pm4py.precision_token_based_replay` computes it (Muñoz-Gama & Carmona): every
 * log prefix is replayed; activated-but-never-observed visible transitions are escaping edges. Pure.
 */
export interface PrecisionOptions {
  /**
   * PM4Py weighs the empty prefix by `len(log)`: the number of events when the log is a DataFrame
   * (what `pm4py.read_xes` returns, the default) or of cases for a legacy EventLog object.
   */
  emptyPrefixWeight?: 'events' | 'cases';
}

export function etcPrecision(log: EventLog, net: PetriNet | ReplaySetup, options: PrecisionOptions = {}): number {
  const setup = 'cnet' in net ? net : createReplaySetup(net);
  const { cnet } = setup;
  const prefixes = new Map<string, { trace: string[]; next: Set<string>; count: number }>();
  const starts = new Set<string>();
  const byEvents = (options.emptyPrefixWeight ?? 'events') === 'events';
  let weight = 0;
  for (const { trace, count } of labelVariants(log)) {
    weight += byEvents ? count * trace.length : count;
    if (trace.length > 0) starts.add(trace[0]);
    for (let i = 1; i < trace.length; i++) {
      const prefix = trace.slice(0, i);
      const key = prefix.join('\u0001');
      let entry = prefixes.get(key);
      if (!entry) prefixes.set(key, (entry = { trace: prefix, next: new Set(), count: 0 }));
      entry.next.add(trace[i]);
      entry.count += count;
    }
  }
  const labelsOf = (ts: Set<number>) => new Set([...ts].map((t) => cnet.net.transitions[t].label!));
  const initial = labelsOf(visibleEventuallyEnabled(cnet, Int32Array.from(cnet.net.initialMarking)));
  let sumAt = weight * initial.size;
  let sumEe = weight * [...initial].filter((l) => !starts.has(l)).length;
  const replayOptions = { considerRemaining: false, reachFinalThroughHidden: false, stopImmediatelyUnfit: true, walkThroughHidden: true };
  for (const { trace, next, count } of prefixes.values()) {
    const r = replayTrace(setup, trace, replayOptions);
    if (!r.fit) continue;
    const activated = labelsOf(visibleEventuallyEnabled(cnet, r.reachedMarking));
    sumAt += activated.size * count;
    sumEe += [...activated].filter((l) => !next.has(l)).length * count;
  }
  return sumAt > 0 ? 1 - sumEe / sumAt : 1;
}
