import type { EventLog } from '../log/event-log.js';

/** One directly-follows edge with its frequency and the time between the two events. */
export interface DfgEdge {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** Mean and median milliseconds between the two events; NaN when the log has no timestamps. */
  readonly meanMs: number;
  readonly medianMs: number;
}

export interface Dfg {
  readonly activities: ReadonlyArray<{ readonly name: string; readonly count: number }>;
  readonly edges: readonly DfgEdge[];
  readonly startActivities: ReadonlyMap<string, number>;
  readonly endActivities: ReadonlyMap<string, number>;
}

/** Directly-follows graph with frequencies and mean/median durations between activities. Pure. */
export function discoverDfg(log: EventLog): Dfg {
  const n = log.activities.length;
  const actCount = new Array<number>(n).fill(0);
  const start = new Map<number, number>();
  const end = new Map<number, number>();
  const edges = new Map<number, { count: number; durations: number[] }>();
  for (const c of log.cases) {
    const a = c.activities;
    if (a.length === 0) continue;
    start.set(a[0], (start.get(a[0]) ?? 0) + 1);
    end.set(a[a.length - 1], (end.get(a[a.length - 1]) ?? 0) + 1);
    for (let i = 0; i < a.length; i++) {
      actCount[a[i]]++;
      if (i === 0) continue;
      const key = a[i - 1] * n + a[i];
      let e = edges.get(key);
      if (!e) edges.set(key, (e = { count: 0, durations: [] }));
      e.count++;
      const d = c.timestamps[i] - c.timestamps[i - 1];
      if (!Number.isNaN(d)) e.durations.push(d);
    }
  }
  const name = (id: number) => log.activities[id];
  const edgeList: DfgEdge[] = [...edges.entries()]
    .map(([key, e]) => ({
      from: name(Math.floor(key / n)),
      to: name(key % n),
      count: e.count,
      meanMs: e.durations.length ? e.durations.reduce((s, x) => s + x, 0) / e.durations.length : NaN,
      medianMs: median(e.durations),
    }))
    .sort((x, y) => y.count - x.count || cmp(x.from, y.from) || cmp(x.to, y.to));
  const named = (m: Map<number, number>) => new Map([...m.entries()].sort((x, y) => y[1] - x[1]).map(([k, v]) => [name(k), v]));
  return {
    activities: actCount.map((count, i) => ({ name: name(i), count })).filter((a) => a.count > 0),
    edges: edgeList,
    startActivities: named(start),
    endActivities: named(end),
  };
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
