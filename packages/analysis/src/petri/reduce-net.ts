import { addArc, removeNode, type NetBuilder } from './net-builder.js';

/**
 * PM4Py's simple reduction: fuse a silent transition with a place that is its only link to a single
 * neighbouring transition (single-entry, then single-exit). Mutates the builder.
 */
export function reduceSimple(net: NetBuilder): void {
  let changed = true;
  while (changed) {
    changed = false;
    for (const t of net.transitions) {
      if (t.label !== null || t.inArcs.size !== 1) continue;
      const [arc] = t.inArcs;
      const p = arc.source;
      if (p.inArcs.size === 1 && p.outArcs.size === 1) {
        const [inArc] = p.inArcs;
        const src = inArc.source;
        const targets = [...t.outArcs].map((a) => a.target);
        removeNode(net, t);
        removeNode(net, p);
        for (const q of targets) addArc(net, src, q);
        changed = true;
        break;
      }
    }
  }
  changed = true;
  while (changed) {
    changed = false;
    for (const t of net.transitions) {
      if (t.label !== null || t.outArcs.size !== 1) continue;
      const [arc] = t.outArcs;
      const p = arc.target;
      if (p.inArcs.size === 1 && p.outArcs.size === 1) {
        const [outArc] = p.outArcs;
        const dst = outArc.target;
        const sources = [...t.inArcs].map((a) => a.source);
        removeNode(net, t);
        removeNode(net, p);
        for (const q of sources) addArc(net, q, dst);
        changed = true;
        break;
      }
    }
  }
}
