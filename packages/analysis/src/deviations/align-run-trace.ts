import type { PrescribedModel, PrescribedStep } from './prescribed-model.js';
import { createMinHeap } from '../conformance/min-heap.js';

export type RunAlignmentMove =
  | { type: 'sync'; nodeId: string; traceIndex: number }
  | { type: 'log'; nodeId: string; traceIndex: number }
  | { type: 'model'; nodeId: string; silent: boolean };

export interface RunAlignment {
  /** False when the search budget ran out: no moves, and the run is reported "not finished", never guessed. */
  finished: boolean;
  cost: number;
  moves: RunAlignmentMove[];
  statesExplored: number;
}

export interface AlignRunOptions {
  /** Largest number of search states per trace (default 200,000). */
  maxStates?: number;
  /** Tokens kept per place at most; bounds loops inside parallel branches (default 3). */
  maxTokensPerPlace?: number;
  /** Asked every 1,000 states; true stops the search ("not finished"). The CLI passes a wall-clock budget here; the core reads no clock. */
  shouldStop?: () => boolean;
}

type Marking = Map<string, number>;
interface State { i: number; marking: Marking; key: string; cost: number; prev?: State; move?: RunAlignmentMove }

/**
 * Pure; an optimal alignment of a trace (node ids in execution order) with the prescribed model:
 * Dijkstra over (trace position, marking) with cost 1 per log move and per visible model move, 0 per
 * synchronous move and per silent (gateway) model move. Bounded by `maxStates`.
 */
export function alignRunTrace(model: PrescribedModel, trace: readonly string[], options: AlignRunOptions = {}): RunAlignment {
  const maxStates = options.maxStates ?? 200_000;
  const cap = options.maxTokensPerPlace ?? 3;
  const startMarking: Marking = new Map([[model.startPlace, 1]]);
  // Cheapest first; among equals, the state furthest along the trace.
  const heap = createMinHeap<State>((a, b) => a.cost < b.cost || (a.cost === b.cost && a.i > b.i));
  const best = new Map<string, number>();
  const push = (s: State): void => {
    const k = `${s.i}|${s.key}`;
    const known = best.get(k);
    if (known !== undefined && known <= s.cost) return;
    best.set(k, s.cost);
    heap.push(s);
  };
  push({ i: 0, marking: startMarking, key: keyOf(startMarking), cost: 0 });
  let explored = 0;
  const closed = new Set<string>();
  while (heap.size > 0) {
    const s = heap.pop() as State;
    const k = `${s.i}|${s.key}`;
    if (closed.has(k)) continue;
    closed.add(k);
    explored += 1;
    if (explored > maxStates || (explored % 1000 === 0 && options.shouldStop?.() === true)) return { finished: false, cost: Number.NaN, moves: [], statesExplored: explored };
    if (s.i === trace.length && isFinal(model, s.marking)) return { finished: true, cost: s.cost, moves: unwind(s), statesExplored: explored };
    if (s.i < trace.length) push({ i: s.i + 1, marking: s.marking, key: s.key, cost: s.cost + 1, prev: s, move: { type: 'log', nodeId: trace[s.i], traceIndex: s.i } });
    for (const step of model.steps.values()) {
      for (const next of fire(step, s.marking, cap)) {
        const key = keyOf(next);
        if (s.i < trace.length && trace[s.i] === step.id) {
          push({ i: s.i + 1, marking: next, key, cost: s.cost, prev: s, move: { type: 'sync', nodeId: step.id, traceIndex: s.i } });
        }
        push({ i: s.i, marking: next, key, cost: s.cost + (step.silent ? 0 : 1), prev: s, move: { type: 'model', nodeId: step.id, silent: step.silent } });
      }
    }
  }
  return { finished: false, cost: Number.NaN, moves: [], statesExplored: explored };
}

function fire(step: PrescribedStep, marking: Marking, cap: number): Marking[] {
  const consumptions: string[][] = [];
  for (const place of step.inputs.alternatives) if ((marking.get(place) ?? 0) > 0) consumptions.push([place]);
  if (step.inputs.andGroups.length > 0) {
    const picked = step.inputs.andGroups.map((group) => group.find((p) => (marking.get(p) ?? 0) > 0));
    if (picked.every((p) => p !== undefined)) consumptions.push(picked as string[]);
  }
  const results: Marking[] = [];
  for (const consumed of consumptions) {
    for (const produced of step.outputs) {
      const next = new Map(marking);
      for (const p of consumed) {
        const left = (next.get(p) ?? 0) - 1;
        if (left <= 0) next.delete(p); else next.set(p, left);
      }
      for (const p of produced) next.set(p, Math.min(cap, (next.get(p) ?? 0) + 1));
      results.push(next);
    }
  }
  return results;
}

function isFinal(model: PrescribedModel, marking: Marking): boolean {
  let ends = 0;
  for (const [place, count] of marking) {
    if (!model.endPlaces.has(place)) return false;
    ends += count;
  }
  return ends > 0;
}

function keyOf(marking: Marking): string {
  return [...marking].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, c]) => `${p}:${c}`).join(',');
}

function unwind(state: State): RunAlignmentMove[] {
  const moves: RunAlignmentMove[] = [];
  for (let s: State | undefined = state; s?.move !== undefined; s = s.prev) moves.push(s.move);
  return moves.reverse();
}
