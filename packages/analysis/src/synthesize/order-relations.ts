import type { RunRecord } from '../records/run-record.js';
import type { TraceItem } from './trace-labels.js';

export interface LabelFacts {
  label: string;
  /** Runs in which the label occurs. */
  runIds: string[];
  executions: number;
  failures: number;
  failedRunIds: string[];
  /** Mean relative position (0 = first, 1 = last) of its first occurrence. */
  position: number;
  /** Whether its steps change files or produce outputs later steps read. */
  writes: boolean;
}

export interface PairFacts {
  a: string;
  b: string;
  /** Runs where a's first occurrence precedes b's, and the reverse. */
  abRuns: string[];
  baRuns: string[];
  /** Runs where one of them occurs, the other follows, and the first occurs again (a loop, not concurrency). */
  interleavedRuns: string[];
}

export interface LoopFacts {
  /** The step that failed and sent the run back. */
  from: string;
  /** The step the run went back to. */
  to: string;
  runIds: string[];
  maxIterations: number;
}

/** Pure; per-label facts, ordering facts for every pair of labels, and rework loops (X failed, run went back to Y before X). */
export function orderRelations(records: readonly RunRecord[], traces: readonly TraceItem[][]): { labels: LabelFacts[]; pairs: PairFacts[]; loops: LoopFacts[] } {
  const facts = new Map<string, LabelFacts & { positions: number[]; lastRun: number; lastFailedRun: number }>();
  traces.forEach((trace, r) => {
    const runId = records[r].runId;
    const firsts = new Map<string, number>();
    trace.forEach((item, i) => {
      if (!firsts.has(item.label)) firsts.set(item.label, i);
      const f = facts.get(item.label) ?? { label: item.label, runIds: [], executions: 0, failures: 0, failedRunIds: [], position: 0, writes: false, positions: [], lastRun: -1, lastFailedRun: -1 };
      if (f.lastRun !== r) { f.runIds.push(runId); f.lastRun = r; }
      f.executions += item.steps.length;
      const failures = item.steps.filter((s) => s.status === 'FAILED' || s.status === 'ERROR' || s.status === 'TIMEOUT').length;
      f.failures += failures;
      if (failures > 0 && f.lastFailedRun !== r) { f.failedRunIds.push(runId); f.lastFailedRun = r; }
      if (item.steps.some((s) => s.phase === 'edit' || (s.outputs !== undefined && Object.keys(s.outputs).length > 0))) f.writes = true;
      facts.set(item.label, f);
    });
    for (const [label, i] of firsts) facts.get(label)?.positions.push(trace.length <= 1 ? 0 : i / (trace.length - 1));
  });
  const labels = [...facts.values()].map(({ positions, lastRun: _r, lastFailedRun: _f, ...f }) => ({ ...f, position: positions.reduce((t, p) => t + p, 0) / positions.length }))
    .sort((x, y) => x.position - y.position || x.label.localeCompare(y.label));
  const pairs: PairFacts[] = [];
  for (let i = 0; i < labels.length; i += 1) for (let j = i + 1; j < labels.length; j += 1) {
    const a = labels[i].label;
    const b = labels[j].label;
    const p: PairFacts = { a, b, abRuns: [], baRuns: [], interleavedRuns: [] };
    traces.forEach((trace, r) => {
      const seq = trace.map((t) => t.label).filter((l) => l === a || l === b);
      if (!seq.includes(a) || !seq.includes(b)) return;
      (seq[0] === a ? p.abRuns : p.baRuns).push(records[r].runId);
      const changes = seq.filter((l, k) => k > 0 && l !== seq[k - 1]).length;
      if (changes >= 2) p.interleavedRuns.push(records[r].runId);
    });
    pairs.push(p);
  }
  const loops = new Map<string, LoopFacts>();
  traces.forEach((trace, r) => {
    const counts = new Map<string, number>();
    trace.forEach((item, i) => {
      if (!item.failed || i + 1 >= trace.length) return;
      const earlier = trace.slice(0, i).map((t) => t.label);
      const back = trace[i + 1].label;
      if (!earlier.includes(back) || back === item.label) return;
      const key = `${item.label}\u0000${back}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const loop = loops.get(key) ?? { from: item.label, to: back, runIds: [], maxIterations: 0 };
      if (loop.runIds[loop.runIds.length - 1] !== records[r].runId) loop.runIds.push(records[r].runId);
      loop.maxIterations = Math.max(loop.maxIterations, counts.get(key) ?? 0);
      loops.set(key, loop);
    });
  });
  return { labels, pairs, loops: [...loops.values()] };
}
