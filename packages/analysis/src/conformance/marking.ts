import type { CompiledNet } from '../petri/petri-net.js';

/** Tokens per place. Markings are treated as values: `fire` returns a new one. */
export type Marking = Int32Array;

export function isEnabled(cnet: CompiledNet, t: number, m: Marking): boolean {
  for (const [p, w] of cnet.pre[t]) if (m[p] < w) return false;
  return true;
}

export function fire(cnet: CompiledNet, t: number, m: Marking): Marking {
  const out = m.slice();
  for (const [p, w] of cnet.pre[t]) out[p] -= w;
  for (const [p, w] of cnet.post[t]) out[p] += w;
  return out;
}

export function markingKey(m: Marking): string {
  return m.join(',');
}

export function sameMarking(a: Marking, b: Marking): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
