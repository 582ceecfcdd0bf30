import type { CompiledNet } from '../petri/petri-net.js';
import { fire, isEnabled, markingKey, type Marking } from './marking.js';
import { createMinHeap } from './min-heap.js';

/** PM4Py's standard costs: log and visible model moves 10000, silent moves 1, synchronous moves 0. */
export const MOVE_COST = 10_000;
export const TAU_COST = 1;

export type AlignmentMove =
  | { readonly type: 'sync'; readonly activity: string; readonly transition: number }
  | { readonly type: 'log'; readonly activity: string }
  | { readonly type: 'model'; readonly activity: string; readonly transition: number }
  | { readonly type: 'silent'; readonly transition: number };

export interface TraceAlignment {
  /** False when the search budget ran out: the trace is reported as not finished, never with a guessed cost. */
  readonly finished: boolean;
  /** Total cost with PM4Py's cost function (silent moves included). */
  readonly cost: number;
  readonly moves: readonly AlignmentMove[];
  readonly expanded: number;
}

export interface AlignBudget {
  /** Maximum states expanded per trace (default 500 000). */
  maxExpanded?: number;
  /** Maximum milliseconds per trace (default none); `now` is injectable for tests. */
  maxMillis?: number;
  now?: () => number;
}

/** Precomputed data for aligning many traces against one net. */
export interface AlignSetup {
  readonly cnet: CompiledNet;
  readonly finalKey: string;
  /** Transitions per visible label. */
  readonly byLabel: ReadonlyMap<string, readonly number[]>;
  /** labelsFrom[p]: visible labels of transitions reachable (structurally) from place p. */
  readonly labelsFrom: ReadonlyArray<ReadonlySet<string>>;
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
  return { cnet, finalKey: markingKey(Int32Array.from(cnet.net.finalMarking)), byLabel, labelsFrom };
}

interface Node {
  readonly m: Marking;
  readonly i: number;
  readonly g: number;
  readonly f: number;
  readonly parent: Node | null;
  readonly move: AlignmentMove | null;
}

/**
 * Optimal alignment of one trace by A* on the synchronous product. The heuristic counts remaining
 * events whose label no longer occurs downstream of any marked place (admissible and consistent). Pure.
 */
export function alignTrace(setup: AlignSetup, trace: readonly string[], budget: AlignBudget = {}): TraceAlignment {
  const { cnet } = setup;
  const maxExpanded = budget.maxExpanded ?? 500_000;
  const now = budget.now ?? Date.now;
  const started = budget.maxMillis !== undefined ? now() : 0;
  const h = (m: Marking, i: number): number => {
    let n = 0;
    for (let j = i; j < trace.length; j++) {
      let possible = false;
      for (let p = 0; p < m.length && !possible; p++) if (m[p] > 0 && setup.labelsFrom[p].has(trace[j])) possible = true;
      if (!possible) n++;
    }
    return n * MOVE_COST;
  };
  const open = createMinHeap<Node>((a, b) => a.f < b.f || (a.f === b.f && (a.i > b.i || (a.i === b.i && a.g < b.g))));
  const closed = new Set<string>();
  const start = Int32Array.from(cnet.net.initialMarking);
  open.push({ m: start, i: 0, g: 0, f: h(start, 0), parent: null, move: null });
  let expanded = 0;
  while (open.size > 0) {
    const node = open.pop()!;
    const key = markingKey(node.m);
    const stateKey = `${key}|${node.i}`;
    if (closed.has(stateKey)) continue;
    if (node.i === trace.length && key === setup.finalKey) {
      return { finished: true, cost: node.g, moves: movesOf(node), expanded };
    }
    closed.add(stateKey);
    expanded++;
    if (expanded > maxExpanded || (budget.maxMillis !== undefined && now() - started > budget.maxMillis)) {
      return { finished: false, cost: NaN, moves: [], expanded };
    }
    const push = (m: Marking, i: number, cost: number, move: AlignmentMove) => {
      const g = node.g + cost;
      open.push({ m, i, g, f: g + h(m, i), parent: node, move });
    };
    const label = node.i < trace.length ? trace[node.i] : undefined;
    for (let t = 0; t < cnet.pre.length; t++) {
      if (!isEnabled(cnet, t, node.m)) continue;
      const m2 = fire(cnet, t, node.m);
      const tl = cnet.net.transitions[t].label;
      if (tl === null) push(m2, node.i, TAU_COST, { type: 'silent', transition: t });
      else {
        push(m2, node.i, MOVE_COST, { type: 'model', activity: tl, transition: t });
        if (tl === label) push(m2, node.i + 1, 0, { type: 'sync', activity: tl, transition: t });
      }
    }
    if (label !== undefined) push(node.m, node.i + 1, MOVE_COST, { type: 'log', activity: label });
  }
  return { finished: false, cost: NaN, moves: [], expanded };
}

function movesOf(node: Node): AlignmentMove[] {
  const out: AlignmentMove[] = [];
  for (let n: Node | null = node; n && n.move; n = n.parent) out.push(n.move);
  return out.reverse();
}
