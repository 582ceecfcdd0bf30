import type { PetriNet } from '../../petri/petri-net.js';
import { addArc, addPlace, addTransition, createNetBuilder, freezeNet, removeNode, type NetBuilder, type NetNode } from '../../petri/net-builder.js';
import { reduceSimple } from '../../petri/reduce-net.js';
import type { HeuristicsNet } from './heuristics-net.js';

/** An entering/exiting neighbour: an activity, or the source / sink (null). */
type Neighbour = string | null;

/**
 * Converts a heuristics net to an accepting Petri net as PM4Py 2.7's `heuristics_net.to_petri_net`
 * does: a `pre_X` place per activity with input arcs, fed by `hid_N` silent transitions (one per AND
 * clique of inputs, one per other input), an `intplace_X` per activity with several outputs, then
 * redundant silent transitions removed and the simple reduction. Pure. Sets PM4Py iterates in hash
 * order (cliques, entering sets) are taken in name order here.
 */
export function heuristicsNetToPetriNet(heu: HeuristicsNet): PetriNet {
  const net = createNetBuilder();
  const source = addPlace(net, 'source0');
  const sink = addPlace(net, 'sink0');
  const trans = new Map<string, NetNode>();
  const entering = new Map<string, Neighbour[]>();
  const exiting = new Map<string, Neighbour[]>();
  const ensure = (a: string) => {
    if (trans.has(a)) return;
    trans.set(a, addTransition(net, a, a));
    entering.set(a, heu.start.has(a) ? [null] : []);
    exiting.set(a, heu.end.has(a) ? [null] : []);
  };
  const addOnce = (xs: Neighbour[], x: Neighbour) => { if (!xs.includes(x)) xs.push(x); };
  for (const a of heu.nodes) {
    ensure(a);
    for (const b of heu.outputs.get(a)?.keys() ?? []) {
      ensure(b);
      addOnce(entering.get(b)!, a);
      addOnce(exiting.get(a)!, b);
    }
  }
  let hidden = 0;
  const newHidden = () => addTransition(net, `hid_${++hidden}`, null);
  const placesEntering = new Map<string, Map<Neighbour, NetNode>>();
  for (const [a, ins] of entering) {
    const cliques = maximalCliques(heu.andIn.get(a) ?? new Map());
    const entry = new Map<Neighbour, NetNode>();
    placesEntering.set(a, entry);
    const named = ins.filter((x): x is string => x !== null).sort();
    let master: NetNode | undefined;
    if (named.length > 0) {
      master = addPlace(net, `pre_${a}`);
      addArc(net, master, trans.get(a)!);
      if (ins.length === 1) entry.set(ins[0], master);
      else {
        named.forEach((b, index) => {
          if (heu.andIn.get(a)?.has(b)) {
            for (let z = 0; z < cliques.length;) {
              if (!cliques[z].includes(b)) { z++; continue; }
              const h = newHidden();
              addArc(net, h, master!);
              for (const c of cliques[z]) {
                if (!entry.has(c)) entry.set(c, addPlace(net, `splace_in_${a}_${c}_${index}`));
                addArc(net, entry.get(c)!, h);
              }
              cliques.splice(z, 1);
            }
          } else if (!entry.has(b)) {
            const h = newHidden();
            addArc(net, h, master!);
            entry.set(b, addPlace(net, `splace_in_${a}_${index}`));
            addArc(net, entry.get(b)!, h);
          }
        });
      }
    }
    if (ins.includes(null)) {
      if (ins.length === 1) addArc(net, source, trans.get(a)!);
      else {
        const h = newHidden();
        addArc(net, source, h);
        addArc(net, h, master!);
      }
    }
  }
  for (const [a, outs] of exiting) {
    const cliques = maximalCliques(heu.andOut.get(a) ?? new Map());
    const named = outs.filter((x): x is string => x !== null).sort();
    let intPlace: NetNode | undefined;
    if (named.length > 0) {
      if (outs.length === 1) {
        const p = placesEntering.get(named[0])?.get(a);
        if (p) addArc(net, trans.get(a)!, p);
      } else {
        intPlace = addPlace(net, `intplace_${a}`);
        addArc(net, trans.get(a)!, intPlace);
        for (const b of named) {
          if (!placesEntering.get(b)?.has(a)) continue;
          if (heu.andOut.get(a)?.has(b)) {
            for (let z = 0; z < cliques.length;) {
              if (!cliques[z].includes(b)) { z++; continue; }
              const h = newHidden();
              addArc(net, intPlace, h);
              for (const c of cliques[z]) addArc(net, h, placesEntering.get(c)!.get(a)!);
              cliques.splice(z, 1);
            }
          } else {
            const h = newHidden();
            addArc(net, intPlace, h);
            addArc(net, h, placesEntering.get(b)!.get(a)!);
          }
        }
      }
    }
    if (outs.includes(null)) {
      if (outs.length === 1) addArc(net, trans.get(a)!, sink);
      else {
        const h = newHidden();
        addArc(net, intPlace!, h);
        addArc(net, h, sink);
      }
    }
  }
  removeRedundantSilent(net);
  reduceSimple(net);
  return freezeNet(net, new Map([[source, 1]]), new Map([[sink, 1]]));
}

/** PM4Py's remove_rendundant_invisible_transitions: a silent transition with the same preset size and a smaller postset inside another's goes. */
function removeRedundantSilent(net: NetBuilder): void {
  const silent = [...net.transitions].filter((t) => t.label === null);
  const pre = (t: NetNode) => new Set([...t.inArcs].map((x) => x.source));
  const post = (t: NetNode) => new Set([...t.outArcs].map((x) => x.target));
  const within = (x: Set<NetNode>, y: Set<NetNode>) => [...x].every((n) => y.has(n));
  for (let i = 0; i < silent.length; i++) {
    if (!net.transitions.has(silent[i])) continue;
    const preI = pre(silent[i]);
    const postI = post(silent[i]);
    for (let j = 0; j < silent.length;) {
      if (j !== i) {
        const preJ = pre(silent[j]);
        const postJ = post(silent[j]);
        if (preJ.size === preI.size && postJ.size < postI.size && within(preJ, preI) && within(postJ, postI)) {
          removeNode(net, silent[j]);
          silent.splice(j, 1);
          continue;
        }
      }
      j++;
    }
  }
}

/** Maximal cliques of the graph of AND pairs, members and cliques in name order (networkx's order is its own). */
function maximalCliques(pairs: ReadonlyMap<string, ReadonlyMap<string, number>>): string[][] {
  const adj = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (!adj.has(a)) adj.set(a, new Set());
    adj.get(a)!.add(b);
  };
  for (const [a, row] of pairs) for (const b of row.keys()) { link(a, b); link(b, a); }
  const out: string[][] = [];
  const expand = (r: string[], p: string[], x: string[]) => {
    if (p.length === 0 && x.length === 0) { out.push([...r].sort()); return; }
    for (const v of [...p]) {
      const n = adj.get(v)!;
      expand([...r, v], p.filter((u) => n.has(u)), x.filter((u) => n.has(u)));
      p = p.filter((u) => u !== v);
      x = [...x, v];
    }
  };
  expand([], [...adj.keys()].sort(), []);
  return out.sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
}
