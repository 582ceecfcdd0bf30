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
  /** mandatory[p]: visible labels on every path from p to a final place (a token in p must pass them). */
  readonly mandatory: ReadonlyArray<readonly string[]>;
}

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
  return { cnet, finalKey: markingKey(Int32Array.from(cnet.net.finalMarking)), byLabel, labelsFrom, mandatory: mandatoryLabels(cnet) };
}

interface Node {
  readonly m: Marking;
  readonly key: string;
  /** Marking key + position + afterModel flag. */
  readonly state: string;
  readonly i: number;
  readonly g: number;
  readonly f: number;
  /** True after a model or silent move: log moves then wait for the next synchronous move. */
  readonly afterModel: boolean;
  readonly parent: Node | null;
  readonly move: AlignmentMove | null;
}

const compactKey = (m: Marking) => String.fromCharCode(...m);

/**
 * Optimal alignment of one trace by A* on the synchronous product. The heuristic counts remaining
 * events whose label no longer occurs downstream of any marked place (log moves) plus labels every
 * marked token must still pass that no remaining event carries (model moves); admissible and consistent.
 * Log moves are only taken before model moves between two synchronous moves: every alignment can be
 * reordered that way at equal cost, so optimality is kept while equivalent interleavings are pruned. Pure.
 */
export function alignTrace(setup: AlignSetup, trace: readonly string[], budget: AlignBudget = {}): TraceAlignment {
  const { cnet } = setup;
  const n = trace.length;
  const maxExpanded = budget.maxExpanded ?? 500_000;
  const now = budget.now ?? Date.now;
  const started = budget.maxMillis !== undefined ? now() : 0;
  const finalKey = compactKey(Int32Array.from(cnet.net.finalMarking));
  const hCache = new Map<string, Int32Array>();
  const lastIndex = new Map<string, number>();
  trace.forEach((l, j) => lastIndex.set(l, j));
  const h = (m: Marking, key: string, i: number): number => {
    let suffix = hCache.get(key);
    if (!suffix) {
      suffix = new Int32Array(n + 1);
      const marked: number[] = [];
      for (let p = 0; p < m.length; p++) if (m[p] > 0) marked.push(p);
      for (let j = n - 1; j >= 0; j--) {
        const possible = marked.some((p) => setup.labelsFrom[p].has(trace[j]));
        suffix[j] = suffix[j + 1] + (possible ? 0 : 1);
      }
      // Labels every marked token must still pass, with no event left to synchronise: model moves.
      const must = new Set<string>();
      for (const p of marked) for (const l of setup.mandatory[p]) must.add(l);
      for (const l of must) {
        const last = lastIndex.get(l) ?? -1;
        for (let i2 = last + 1; i2 <= n; i2++) suffix[i2]++;
      }
      hCache.set(key, suffix);
    }
    return suffix[i] * MOVE_COST;
  };
  const open = createMinHeap<Node>((a, b) => a.f < b.f || (a.f === b.f && (a.i > b.i || (a.i === b.i && a.g < b.g))));
  /** Best g found per state; -1 once the state is closed. */
  const best = new Map<string, number>();
  const start = Int32Array.from(cnet.net.initialMarking);
  const startKey = compactKey(start);
  const stateOf = (key: string, i: number, afterModel: boolean) => key + String.fromCharCode(65535, i & 0xffff, i >>> 16, afterModel ? 1 : 0);
  open.push({ m: start, key: startKey, state: stateOf(startKey, 0, false), i: 0, g: 0, f: h(start, startKey, 0), afterModel: false, parent: null, move: null });
  let expanded = 0;
  const stamp = new Int32Array(cnet.pre.length);
  const candidates: number[] = [];
  while (open.size > 0) {
    const node = open.pop()!;
    if (best.get(node.state) === -1) continue;
    if (node.i === n && node.key === finalKey) {
      return { finished: true, cost: node.g, moves: movesOf(node), expanded };
    }
    best.set(node.state, -1);
    expanded++;
    if (expanded > maxExpanded || (budget.maxMillis !== undefined && now() - started > budget.maxMillis)) {
      return { finished: false, cost: NaN, moves: [], expanded };
    }
    const push = (m: Marking, key: string, i: number, cost: number, afterModel: boolean, move: AlignmentMove) => {
      const g = node.g + cost;
      const sk = stateOf(key, i, afterModel);
      const known = best.get(sk);
      if (known !== undefined && known <= g) return;
      best.set(sk, g);
      open.push({ m, key, state: sk, i, g, f: g + h(m, key, i), afterModel, parent: node, move });
    };
    const label = node.i < n ? trace[node.i] : undefined;
    candidates.length = 0;
    for (let p = 0; p < node.m.length; p++) {
      if (node.m[p] <= 0) continue;
      for (const t of cnet.consumers[p]) {
        if (stamp[t] === expanded) continue;
        stamp[t] = expanded;
        candidates.push(t);
      }
    }
    for (const t of candidates) {
      if (!isEnabled(cnet, t, node.m)) continue;
      const m2 = fire(cnet, t, node.m);
      const k2 = compactKey(m2);
      const tl = cnet.net.transitions[t].label;
      if (tl === null) push(m2, k2, node.i, TAU_COST, true, { type: 'silent', transition: t });
      else {
        push(m2, k2, node.i, MOVE_COST, true, { type: 'model', activity: tl, transition: t });
        if (tl === label) push(m2, k2, node.i + 1, 0, false, { type: 'sync', activity: tl, transition: t });
      }
    }
    if (label !== undefined && !node.afterModel) push(node.m, node.key, node.i + 1, MOVE_COST, false, { type: 'log', activity: label });
  }
  return { finished: false, cost: NaN, moves: [], expanded };
}

function movesOf(node: Node): AlignmentMove[] {
  const out: AlignmentMove[] = [];
  for (let n: Node | null = node; n && n.move; n = n.parent) out.push(n.move);
  return out.reverse();
}
