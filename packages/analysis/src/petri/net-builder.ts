import type { PetriArc, PetriNet } from './petri-net.js';

/** A mutable net used while converting and reducing; frozen into a PetriNet at the end. */
export interface NetNode {
  name: string;
  readonly kind: 'place' | 'transition';
  readonly label: string | null;
  readonly inArcs: Set<NetArc>;
  readonly outArcs: Set<NetArc>;
}

export interface NetArc {
  readonly source: NetNode;
  readonly target: NetNode;
  readonly weight: number;
}

export interface NetBuilder {
  readonly places: Set<NetNode>;
  readonly transitions: Set<NetNode>;
  readonly arcs: Set<NetArc>;
}

export function createNetBuilder(): NetBuilder {
  return { places: new Set(), transitions: new Set(), arcs: new Set() };
}

export function addPlace(net: NetBuilder, name: string): NetNode {
  const p: NetNode = { name, kind: 'place', label: null, inArcs: new Set(), outArcs: new Set() };
  net.places.add(p);
  return p;
}

export function addTransition(net: NetBuilder, name: string, label: string | null): NetNode {
  const t: NetNode = { name, kind: 'transition', label, inArcs: new Set(), outArcs: new Set() };
  net.transitions.add(t);
  return t;
}

export function addArc(net: NetBuilder, source: NetNode, target: NetNode, weight = 1): NetArc {
  const a: NetArc = { source, target, weight };
  net.arcs.add(a);
  source.outArcs.add(a);
  target.inArcs.add(a);
  return a;
}

function removeArcs(net: NetBuilder, node: NetNode): void {
  for (const a of [...node.inArcs, ...node.outArcs]) {
    net.arcs.delete(a);
    a.source.outArcs.delete(a);
    a.target.inArcs.delete(a);
  }
}

export function removeNode(net: NetBuilder, node: NetNode): void {
  if (node.kind === 'place') {
    if (!net.places.delete(node)) return;
  } else if (!net.transitions.delete(node)) return;
  removeArcs(net, node);
}

/** Freezes the builder with the given marked places (token counts). */
export function freezeNet(net: NetBuilder, initial: Map<NetNode, number>, final: Map<NetNode, number>): PetriNet {
  const places = [...net.places];
  const transitions = [...net.transitions];
  const pIndex = new Map(places.map((p, i) => [p, i]));
  const tIndex = new Map(transitions.map((t, i) => [t, i]));
  const arcs: PetriArc[] = [...net.arcs].map((a) =>
    a.source.kind === 'place'
      ? { direction: 'placeToTransition', place: pIndex.get(a.source)!, transition: tIndex.get(a.target)!, weight: a.weight }
      : { direction: 'transitionToPlace', place: pIndex.get(a.target)!, transition: tIndex.get(a.source)!, weight: a.weight });
  return {
    places: places.map((p) => ({ name: p.name })),
    transitions: transitions.map((t) => ({ name: t.name, label: t.label })),
    arcs,
    initialMarking: places.map((p) => initial.get(p) ?? 0),
    finalMarking: places.map((p) => final.get(p) ?? 0),
  };
}
