import type { PetriNet } from '../petri/petri-net.js';

/** Arc-degree simplicity as `pm4py.simplicity_petri_net` (k = 2): 1 / (1 + max(mean degree − 2, 0)). Pure. */
export function simplicity(net: PetriNet): number {
  const nodes = net.places.length + net.transitions.length;
  if (nodes === 0) return 1;
  const mean = (2 * net.arcs.length) / nodes;
  return 1 / (1 + Math.max(mean - 2, 0));
}
