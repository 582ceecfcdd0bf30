import type { CompiledNet } from '../petri/petri-net.js';
import { fire, isEnabled, type Marking } from './marking.js';
import { MEMO_LIMIT, type AlignSetup } from './align-setup.js';
import { createMinHeap } from './min-heap.js';

export { createAlignSetup, type AlignSetup } from './align-setup.js';

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
  /**
   * True when the silent-move part of the cost is minimal too. On large silent regions the exact
   * search gives way to one that ignores silent moves: the deviations are still optimal, but the
   * path may use more silent moves than PM4Py's (a difference below 1/10 000 of a deviation each).
   */
  readonly exactSilentCost: boolean;
}

export interface AlignBudget {
  /** Maximum states expanded per trace (default 200 000). */
  maxExpanded?: number;
  /** Maximum milliseconds per trace (default none); `now` is injectable for tests. */
  maxMillis?: number;
  now?: () => number;
}

const SYNC = 0, LOG = 1, MODEL = 2, SILENT = 3;

interface Node {
  readonly mid: number;
  readonly i: number;
  readonly g: number;
  readonly f: number;
  /** True after a model or silent move: log moves then wait for the next synchronous move. */
  readonly afterModel: boolean;
  readonly parent: Node | null;
  readonly kind: number;
  readonly t: number;
}

const compactKey = (m: Marking) => String.fromCharCode(...m);

/**
 * Optimal alignment of one trace by A* on the synchronous product. The heuristic counts remaining
 * events whose label no longer occurs downstream of any marked place (log moves) plus labels every
 * marked token must still pass that no remaining event carries (model moves); admissible and consistent.
 * Log moves are only taken before model moves between two synchronous moves: every alignment can be
 * reordered that way at equal cost, so optimality is kept while equivalent interleavings are pruned.
 * Markings are interned and their successors cached, since one marking recurs at many trace positions. Pure.
 */
export function alignTrace(setup: AlignSetup, trace: readonly string[], budget: AlignBudget = {}): TraceAlignment {
  const maxExpanded = budget.maxExpanded ?? 200_000;
  const now = budget.now ?? Date.now;
  const started = budget.maxMillis !== undefined ? now() : 0;
  const deadline = budget.maxMillis !== undefined ? started + budget.maxMillis : Infinity;
  const exactLimit = Math.min(maxExpanded, EXACT_SEARCH_LIMIT);
  const exact = search(setup, trace, TAU_COST, exactLimit, deadline, now);
  if (exact.finished || exact.expanded <= exactLimit) return { ...exact, exactSilentCost: true };
  const rough = search(setup, trace, 0, maxExpanded - exact.expanded, deadline, now);
  if (!rough.finished) return { ...rough, expanded: exact.expanded + rough.expanded, exactSilentCost: false };
  const silent = rough.moves.filter((m) => m.type === 'silent').length;
  return { ...rough, cost: rough.cost + silent * TAU_COST, expanded: exact.expanded + rough.expanded, exactSilentCost: false };
}

/** States the exact search may expand before the silent-cost-free search takes over. */
const EXACT_SEARCH_LIMIT = 20_000;

function search(
  setup: AlignSetup, trace: readonly string[], tauCost: number, maxExpanded: number, deadline: number, now: () => number,
): Omit<TraceAlignment, 'exactSilentCost'> {
  const { cnet } = setup;
  const n = trace.length;
  const memo = setup.memo;
  if (memo.markings.length > MEMO_LIMIT) {
    memo.markings = [];
    memo.ids = new Map();
    memo.successors = [];
  }
  const { markings, ids, successors } = memo;
  const intern = (m: Marking): number => {
    const key = compactKey(m);
    let id = ids.get(key);
    if (id === undefined) {
      id = markings.length;
      markings.push(m);
      ids.set(key, id);
    }
    return id;
  };
  const stamp = new Int32Array(cnet.pre.length).fill(-1);
  const successorsOf = (mid: number) => {
    let list = successors[mid];
    if (list) return list;
    list = [];
    const m = markings[mid];
    for (let p = 0; p < m.length; p++) {
      if (m[p] <= 0) continue;
      for (const t of cnet.consumers[p]) {
        if (stamp[t] === mid) continue;
        stamp[t] = mid;
        if (isEnabled(cnet, t, m)) list.push([t, intern(fire(cnet, t, m))]);
      }
    }
    successors[mid] = list;
    return list;
  };
  const lastIndex = new Map<string, number>();
  trace.forEach((l, j) => lastIndex.set(l, j));
  const hCache = new Map<number, Int32Array>();
  const h = (mid: number, i: number): number => {
    let suffix = hCache.get(mid);
    if (!suffix) {
      const m = markings[mid];
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
      hCache.set(mid, suffix);
    }
    return suffix[i] * MOVE_COST;
  };
  const finalId = intern(Int32Array.from(cnet.net.finalMarking));
  const startId = intern(Int32Array.from(cnet.net.initialMarking));
  const stateOf = (mid: number, i: number, afterModel: boolean) => (mid * (n + 1) + i) * 2 + (afterModel ? 1 : 0);
  const open = createMinHeap<Node>((a, b) => a.f < b.f || (a.f === b.f && (a.i > b.i || (a.i === b.i && a.g < b.g))));
  /** Best g found per state; -1 once the state is closed. */
  const best = new Map<number, number>();
  open.push({ mid: startId, i: 0, g: 0, f: h(startId, 0), afterModel: false, parent: null, kind: -1, t: -1 });
  let expanded = 0;
  while (open.size > 0) {
    const node = open.pop()!;
    const state = stateOf(node.mid, node.i, node.afterModel);
    if (best.get(state) === -1) continue;
    if (node.i === n && node.mid === finalId) {
      return { finished: true, cost: node.g, moves: movesOf(cnet, trace, node), expanded };
    }
    best.set(state, -1);
    expanded++;
    if (expanded > maxExpanded || (deadline !== Infinity && now() > deadline)) {
      return { finished: false, cost: NaN, moves: [], expanded };
    }
    const push = (mid: number, i: number, cost: number, afterModel: boolean, kind: number, t: number) => {
      const g = node.g + cost;
      const sk = stateOf(mid, i, afterModel);
      const known = best.get(sk);
      if (known !== undefined && known <= g) return;
      best.set(sk, g);
      open.push({ mid, i, g, f: g + h(mid, i), afterModel, parent: node, kind, t });
    };
    const label = node.i < n ? trace[node.i] : undefined;
    for (const [t, mid2] of successorsOf(node.mid)) {
      const tl = cnet.net.transitions[t].label;
      if (tl === null) push(mid2, node.i, tauCost, true, SILENT, t);
      else {
        push(mid2, node.i, MOVE_COST, true, MODEL, t);
        if (tl === label) push(mid2, node.i + 1, 0, false, SYNC, t);
      }
    }
    if (label !== undefined && !node.afterModel) push(node.mid, node.i + 1, MOVE_COST, false, LOG, -1);
  }
  return { finished: false, cost: NaN, moves: [], expanded };
}

function movesOf(cnet: CompiledNet, trace: readonly string[], node: Node): AlignmentMove[] {
  const out: AlignmentMove[] = [];
  for (let x: Node | null = node; x && x.parent; x = x.parent) {
    const label = cnet.net.transitions[x.t]?.label ?? '';
    if (x.kind === SYNC) out.push({ type: 'sync', activity: label, transition: x.t });
    else if (x.kind === LOG) out.push({ type: 'log', activity: trace[x.parent.i] });
    else if (x.kind === MODEL) out.push({ type: 'model', activity: label, transition: x.t });
    else out.push({ type: 'silent', transition: x.t });
  }
  return out.reverse();
}
