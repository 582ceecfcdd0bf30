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

/**
 * Visible transitions enabled in the marking or after firing only silent transitions (PM4Py's
 * get_visible_transitions_eventually_enabled_by_marking), by breadth-first search over the markings
 * silent transitions reach; stops early once every visible transition is found. Past `maxStates`
 * markings (large concurrent silent regions), the rest is over-approximated: places reachable through
 * silent transitions whose inputs are all reachable, and visible transitions whose inputs all are.
 */
export function visibleEventuallyEnabled(cnet: CompiledNet, m: Marking, maxStates = 256): Set<number> {
  const visible = new Set<number>();
  const totalVisible = cnet.silent.reduce((n, s) => n + (s ? 0 : 1), 0);
  const seen = new Set<string>([String.fromCharCode(...m)]);
  const queue: Marking[] = [m];
  const stamp = new Int32Array(cnet.pre.length).fill(-1);
  for (let i = 0; i < queue.length && seen.size <= maxStates && visible.size < totalVisible; i++) {
    const cur = queue[i];
    for (let p = 0; p < cur.length; p++) {
      if (cur[p] <= 0) continue;
      for (const t of cnet.consumers[p]) {
        if (stamp[t] === i) continue;
        stamp[t] = i;
        if (!isEnabled(cnet, t, cur)) continue;
        if (!cnet.silent[t]) {
          visible.add(t);
          continue;
        }
        const next = fire(cnet, t, cur);
        const key = String.fromCharCode(...next);
        if (!seen.has(key)) {
          seen.add(key);
          queue.push(next);
        }
      }
    }
  }
  if (seen.size > maxStates) for (const t of silentlyCoverable(cnet, m)) visible.add(t);
  return visible;
}

function silentlyCoverable(cnet: CompiledNet, m: Marking): number[] {
  const reach = new Uint8Array(m.length);
  for (let p = 0; p < m.length; p++) if (m[p] > 0) reach[p] = 1;
  const allIn = (t: number) => cnet.pre[t].every(([p]) => reach[p] === 1);
  let changed = true;
  while (changed) {
    changed = false;
    for (let t = 0; t < cnet.pre.length; t++) {
      if (!cnet.silent[t] || !allIn(t)) continue;
      for (const [q] of cnet.post[t]) {
        if (reach[q] === 0) {
          reach[q] = 1;
          changed = true;
        }
      }
    }
  }
  const out: number[] = [];
  for (let t = 0; t < cnet.pre.length; t++) if (!cnet.silent[t] && allIn(t)) out.push(t);
  return out;
}
