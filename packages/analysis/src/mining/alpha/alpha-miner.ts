import type { EventLog } from '../../log/event-log.js';
import type { PetriNet } from '../../petri/petri-net.js';
import { addArc, addPlace, addTransition, createNetBuilder, freezeNet, type NetNode } from '../../petri/net-builder.js';
import { discoverDfg } from '../dfg.js';

type Pair = readonly [ReadonlySet<string>, ReadonlySet<string>];

/**
 * The classic alpha miner as PM4Py 2.7 runs it (`alpha.variants.classic`): causal pairs a→b (b→a
 * never seen) whose activities have no self-loop, grown by PM4Py's single pass of merges (only the
 * initial pairs are extended, so a merge of merges is not tried, as there), then the maximal pairs
 * as places, plus `start` and `end`. Pure; no silent transitions.
 */
export function discoverAlphaNet(log: EventLog): PetriNet {
  const dfg = discoverDfg(log);
  const edges = new Set(dfg.edges.map((e) => `${e.from}\u0000${e.to}`));
  const has = (a: string, b: string) => edges.has(`${a}\u0000${b}`);
  const causal = (a: string, b: string) => has(a, b) && !has(b, a);
  const parallel = (a: string, b: string) => has(a, b) && has(b, a);
  // Causal pairs in DFG order (PM4Py iterates its DFG dict; ours is by frequency, then names).
  const pairs: Pair[] = dfg.edges
    .filter((e) => causal(e.from, e.to) && !parallel(e.from, e.from) && !parallel(e.to, e.to))
    .map((e) => [new Set([e.from]), new Set([e.to])]);
  const related = (x: ReadonlySet<string>, y: ReadonlySet<string>) => {
    for (const a of x) for (const b of y) if (parallel(a, b) || causal(a, b) || parallel(b, a) || causal(b, a)) return true;
    return false;
  };
  const allCausal = (x: ReadonlySet<string>, y: ReadonlySet<string>) => [...x].every((a) => [...y].every((b) => causal(a, b)));
  const initial = pairs.length;
  for (let i = 0; i < initial; i++) {
    const t1 = pairs[i];
    const upTo = pairs.length;
    for (let j = i; j < upTo; j++) {
      const t2 = pairs[j];
      if (samePair(t1, t2) || !(subset(t1[0], t2[0]) || subset(t1[1], t2[1]))) continue;
      if (related(t1[0], t2[0]) || related(t1[1], t2[1])) continue;
      const merged: Pair = [new Set([...t1[0], ...t2[0]]), new Set([...t1[1], ...t2[1]])];
      if (!pairs.some((p) => samePair(p, merged)) && allCausal(merged[0], merged[1])) pairs.push(merged);
    }
  }
  const maximal = pairs.filter((p) => !pairs.some((q) => !samePair(p, q) && subset(p[0], q[0]) && subset(p[1], q[1])));
  const net = createNetBuilder();
  const labels = [...new Set([...dfg.activities.map((a) => a.name), ...dfg.startActivities.keys(), ...dfg.endActivities.keys()])].sort();
  const transition = new Map<string, NetNode>(labels.map((l) => [l, addTransition(net, l, l)]));
  const source = addPlace(net, 'start');
  for (const a of dfg.startActivities.keys()) addArc(net, source, transition.get(a)!);
  const sink = addPlace(net, 'end');
  for (const a of dfg.endActivities.keys()) addArc(net, transition.get(a)!, sink);
  for (const [from, to] of maximal) {
    const place = addPlace(net, `({${[...from].sort().join(', ')}}, {${[...to].sort().join(', ')}})`);
    for (const a of from) addArc(net, transition.get(a)!, place);
    for (const b of to) addArc(net, place, transition.get(b)!);
  }
  return freezeNet(net, new Map([[source, 1]]), new Map([[sink, 1]]));
}

function subset(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function samePair(p: Pair, q: Pair): boolean {
  return p[0].size === q[0].size && p[1].size === q[1].size && subset(p[0], q[0]) && subset(p[1], q[1]);
}
