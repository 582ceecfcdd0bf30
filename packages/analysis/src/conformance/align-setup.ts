import type { CompiledNet } from '../petri/petri-net.js';
import { markingKey, type Marking } from './marking.js';

/** Precomputed data for aligning many traces against one net. */
export interface AlignSetup {
  readonly cnet: CompiledNet;
  readonly finalKey: string;
  /** Transitions per visible label. */
  readonly byLabel: ReadonlyMap<string, readonly number[]>;
  /** labelsFrom[p]: visible labels of transitions reachable (structurally) from place p. */
  readonly labelsFrom: ReadonlyArray<ReadonlySet<string>>;
  /** mandatory[p]: visible labels on every path from p to a final place (a token in p must pass them). */
  readonly mandatory: ReadonlyArray<readonly string[]>;
  /** Memo shared by all traces aligned on this setup: interned markings and their enabled successors. */
  readonly memo: MarkingMemo;
}

export interface MarkingMemo {
  markings: Marking[];
  ids: Map<string, number>;
  successors: Array<Array<readonly [t: number, mid: number]> | undefined>;
}

export const MEMO_LIMIT = 2_000_000;

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}

/** Greatest fixed point of M(p) = ∩_{t ∈ p•} (label(t) ∪ ∩_{q ∈ t•} M(q)), with M(final place) = ∅. */
function mandatoryLabels(cnet: CompiledNet): string[][] {
  const all = new Set(cnet.net.transitions.flatMap((t) => (t.label === null ? [] : [t.label])));
  const sets: Array<Set<string>> = cnet.net.places.map((_, p) => (cnet.net.finalMarking[p] > 0 ? new Set() : new Set(all)));
  let changed = true;
  for (let round = 0; changed && round < 1000; round++) {
    changed = false;
    sets.forEach((cur, p) => {
      if (cnet.net.finalMarking[p] > 0) return;
      let next: Set<string> | null = null;
      for (const t of cnet.consumers[p]) {
        const outs = cnet.post[t].map(([q]) => sets[q]);
        const viaT = outs.length === 0 ? new Set<string>() : outs.slice(1).reduce(intersect, new Set(outs[0]));
        const label = cnet.net.transitions[t].label;
        if (label !== null) viaT.add(label);
        next = next === null ? viaT : intersect(next, viaT);
      }
      next ??= new Set(all);
      if (next.size !== cur.size) {
        sets[p] = next;
        changed = true;
      }
    });
  }
  return sets.map((x) => [...x]);
}

export function createAlignSetup(cnet: CompiledNet): AlignSetup {
  const byLabel = new Map<string, number[]>();
  cnet.net.transitions.forEach((t, i) => {
    if (t.label !== null) byLabel.set(t.label, [...(byLabel.get(t.label) ?? []), i]);
  });
  const labelsFrom = cnet.net.places.map((_, p) => {
    const labels = new Set<string>();
    const seenP = new Set<number>([p]);
    const seenT = new Set<number>();
    const stack = [p];
    while (stack.length) {
      const q = stack.pop()!;
      for (const t of cnet.consumers[q]) {
        if (seenT.has(t)) continue;
        seenT.add(t);
        const label = cnet.net.transitions[t].label;
        if (label !== null) labels.add(label);
        for (const [r] of cnet.post[t]) if (!seenP.has(r)) (seenP.add(r), stack.push(r));
      }
    }
    return labels;
  });
  return { cnet, finalKey: markingKey(Int32Array.from(cnet.net.finalMarking)), byLabel, labelsFrom, mandatory: mandatoryLabels(cnet),
    memo: { markings: [], ids: new Map(), successors: [] } };
}

