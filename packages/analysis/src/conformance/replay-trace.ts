import type { CompiledNet } from '../petri/petri-net.js';
import type { HiddenPaths } from './hidden-paths.js';
import { fire, isEnabled, sameMarking, type Marking } from './marking.js';

export interface ReplaySetup {
  readonly cnet: CompiledNet;
  readonly paths: HiddenPaths;
  /** Label → transition used when none with that label is enabled (PM4Py: the last one in net order). */
  readonly byLabel: ReadonlyMap<string, number>;
  /** Place indices sorted by place name (PM4Py sorts marked places by name). */
  readonly placeOrder: readonly number[];
}

export interface ReplayOptions {
  considerRemaining: boolean;
  reachFinalThroughHidden: boolean;
  stopImmediatelyUnfit: boolean;
  walkThroughHidden: boolean;
}

export interface TraceReplay {
  readonly fit: boolean;
  readonly fitness: number;
  readonly missing: number;
  readonly consumed: number;
  readonly remaining: number;
  readonly produced: number;
  /** Transitions fired, visible and silent, in order. */
  readonly activated: readonly number[];
  readonly reachedMarking: Marking;
}

const tokens = (list: ReadonlyArray<readonly [number, number]>) => list.reduce((s, [, w]) => s + w, 0);

function pathsBetween(setup: ReplaySetup, m: Marking, targets: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const p1 of setup.placeOrder) {
    if (m[p1] <= 0) continue;
    for (const p2 of targets) {
      const path = setup.paths[p1].get(p2);
      if (path) out.push([...path]);
    }
  }
  return out.sort((a, b) => a.length - b.length);
}

interface HiddenState {
  m: Marking;
  fired: number[];
  visited: Set<number>;
}

function enableHidden(setup: ReplaySetup, s: HiddenState, lists: number[][], t: number): void {
  const { cnet } = setup;
  const j = lists.map(() => 0);
  for (let z = 0; z < 10_000_000; z++) {
    let changed = false;
    const idx = z % lists.length;
    const end = lists[idx].length;
    for (let k = j[idx]; k < end; k++) {
      const t3 = lists[idx][j[idx]];
      if (t3 !== t && isEnabled(cnet, t3, s.m) && !s.visited.has(t3)) {
        s.m = fire(cnet, t3, s.m);
        s.fired.push(t3);
        s.visited.add(t3);
        changed = true;
      }
      j[idx]++;
      if (isEnabled(cnet, t, s.m)) break;
    }
    if (isEnabled(cnet, t, s.m) || !changed) break;
  }
}

/** PM4Py's apply_hidden_trans: fire silent transitions along shortest hidden paths to enable `t`. */
function applyHidden(setup: ReplaySetup, t: number, s: HiddenState, depth: number): void {
  const { cnet } = setup;
  if (depth >= 2 || s.visited.has(t)) return;
  s.visited.add(t);
  const atStart = s.m;
  const missingPlaces = setup.placeOrder.filter((p) => cnet.pre[t].some(([q, w]) => q === p && s.m[p] < w));
  let lists = pathsBetween(setup, s.m, missingPlaces);
  if (lists.length === 0) return;
  enableHidden(setup, s, lists, t);
  if (!isEnabled(cnet, t, s.m)) {
    lists = pathsBetween(setup, s.m, missingPlaces);
    for (const list of lists) {
      for (const t4 of list) {
        if (t4 === t || s.visited.has(t4)) continue;
        if (!isEnabled(cnet, t4, s.m)) applyHidden(setup, t4, s, depth + 1);
        if (isEnabled(cnet, t4, s.m)) {
          s.m = fire(cnet, t4, s.m);
          s.fired.push(t4);
          s.visited.add(t4);
        }
      }
    }
  }
  // PM4Py retries `t` here only when the marking changed, but `t` is already visited, so the retry is a no-op.
  void sameMarking(atStart, s.m);
}

/** Replay state after some events; immutable from the caller's point of view (steps return a new state). */
export interface ReplayState {
  readonly m: Marking;
  /** Transitions fired so far; appended in place by `replayEvent` (so do not branch a recording state). */
  readonly activated: number[] | null;
  readonly missing: number;
  readonly consumed: number;
  readonly produced: number;
  /** Set when `stopImmediatelyUnfit` stopped the replay at a missing token. */
  readonly stopped: boolean;
}

/** The state before the first event; `recordActivated` false skips the firing list (prefix replays). */
export function startReplay(setup: ReplaySetup, recordActivated = true): ReplayState {
  const net = setup.cnet.net;
  return {
    m: Int32Array.from(net.initialMarking),
    activated: recordActivated ? [] : null,
    missing: 0,
    consumed: 0,
    produced: net.initialMarking.reduce((s, x) => s + x, 0),
    stopped: false,
  };
}

/** Replays one event (PM4Py's per-event step of token_replay.apply_trace); pure apart from the firing list. */
export function replayEvent(setup: ReplaySetup, state: ReplayState, label: string, opt: ReplayOptions): ReplayState {
  if (state.stopped) return state;
  const { cnet } = setup;
  const net = cnet.net;
  const fallback = setup.byLabel.get(label);
  if (fallback === undefined) return state;
  let { m, missing, consumed, produced } = state;
  const activated = state.activated;
  let t = fallback;
  for (let i = 0; i < cnet.pre.length; i++) {
    if (net.transitions[i].label === label && isEnabled(cnet, i, m)) {
      t = i;
      break;
    }
  }
  if (opt.walkThroughHidden && !isEnabled(cnet, t, m)) {
    const s: HiddenState = { m, fired: [], visited: new Set() };
    applyHidden(setup, t, s, 0);
    for (const h of s.fired) {
      consumed += tokens(cnet.pre[h]);
      produced += tokens(cnet.post[h]);
    }
    m = s.m;
    activated?.push(...s.fired);
  }
  if (!isEnabled(cnet, t, m)) {
    if (opt.stopImmediatelyUnfit) return { m, activated, missing: missing + 1, consumed, produced, stopped: true };
    m = m.slice();
    for (const [p, w] of cnet.pre[t]) {
      if (m[p] < w) {
        missing += w - m[p];
        m[p] += w;
      }
    }
  }
  consumed += tokens(cnet.pre[t]);
  produced += tokens(cnet.post[t]);
  if (isEnabled(cnet, t, m)) {
    m = fire(cnet, t, m);
    activated?.push(t);
  }
  return { m, activated, missing, consumed, produced, stopped: false };
}

/** Token-based replay of one trace (labels), following PM4Py 2.7's token_replay.apply_trace. Pure. */
export function replayTrace(setup: ReplaySetup, trace: readonly string[], opt: ReplayOptions): TraceReplay {
  let state = startReplay(setup);
  for (const label of trace) {
    state = replayEvent(setup, state, label, opt);
    if (state.stopped) break;
  }
  return finishReplay(setup, state, opt);
}

/** After the last event: try to reach the final marking through silent transitions, then count. Pure. */
export function finishReplay(setup: ReplaySetup, state: ReplayState, opt: ReplayOptions): TraceReplay {
  const { cnet } = setup;
  const net = cnet.net;
  let m = state.m;
  const activated = state.activated ?? [];
  let { missing, consumed, produced } = state;
  const finalPlaces = setup.placeOrder.filter((p) => net.finalMarking[p] > 0);
  const reachedFinal = () => finalPlaces.every((p) => m[p] > 0);
  const fireSilent = (t: number) => {
    m = fire(cnet, t, m);
    activated.push(t);
    consumed += tokens(cnet.pre[t]);
    produced += tokens(cnet.post[t]);
  };
  if (opt.reachFinalThroughHidden) {
    for (let i = 0; i < 5 && !reachedFinal(); i++) {
      for (const group of pathsBetween(setup, m, finalPlaces)) {
        for (const t of group) if (isEnabled(cnet, t, m)) fireSilent(t);
        if (reachedFinal()) break;
      }
    }
    if (!reachedFinal() && finalPlaces.length === 1) {
      const sink = finalPlaces[0];
      const conns: number[][] = [];
      for (let p = 0; p < m.length; p++) {
        const path = m[p] > 0 ? setup.paths[p].get(sink) : undefined;
        if (path) conns.push([...path]);
      }
      conns.sort((a, b) => a.length - b.length);
      for (let i = 0; i < 5; i++) {
        for (const conn of conns) {
          for (const t of conn) {
            if (!isEnabled(cnet, t, m)) break;
            fireSilent(t);
          }
        }
      }
    }
  }
  let remaining = 0;
  let finalMissing = 0;
  for (let p = 0; p < m.length; p++) {
    const f = net.finalMarking[p];
    if (f > 0 && f > m[p]) finalMissing += f - m[p];
    remaining += f > 0 ? Math.max(0, m[p] - f) : Math.max(0, m[p]);
  }
  const fit = opt.considerRemaining ? missing === 0 && remaining === 0 : missing === 0;
  consumed += net.finalMarking.reduce((s, x) => s + x, 0);
  missing += finalMissing;
  const fitness = consumed > 0 && produced > 0 ? 0.5 * (1 - missing / consumed) + 0.5 * (1 - remaining / produced) : 1;
  return { fit, fitness, missing, consumed, remaining, produced, activated, reachedMarking: m };
}
