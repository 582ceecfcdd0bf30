import type { EventLog, LogCase } from '../log/event-log.js';

/** A trace variant: the activity sequence, how many cases follow it, and which cases. */
export interface Variant {
  readonly activities: readonly string[];
  readonly count: number;
  readonly caseIds: readonly string[];
}

/** Variants of a log, most frequent first (ties by sequence text). Pure. */
export function discoverVariants(log: EventLog): Variant[] {
  const byKey = new Map<string, { trace: Int32Array; caseIds: string[] }>();
  for (const c of log.cases) {
    const key = c.activities.join(',');
    let v = byKey.get(key);
    if (!v) byKey.set(key, (v = { trace: c.activities, caseIds: [] }));
    v.caseIds.push(c.id);
  }
  const out = [...byKey.values()].map((v) => ({
    activities: Array.from(v.trace, (a) => log.activities[a]),
    count: v.caseIds.length,
    caseIds: v.caseIds,
  }));
  const text = (v: Variant) => v.activities.join('\u0000');
  return out.sort((a, b) => b.count - a.count || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

/**
 * Which cases come first when variants are collected, which decides the variants' order:
 * `case-id` sorts cases by id (code-point order, as PM4Py's DataFrame path does with `np.unique`),
 * `file` keeps the log's order (PM4Py's EventLog path), `auto` is `case-id` when any event has a
 * timestamp (a log `pm4py.read_xes` returns as a DataFrame) and `file` otherwise.
 */
export type VariantOrder = 'auto' | 'case-id' | 'file';

/** Variants as activity-id traces with counts (the compressed log the miners work on), in first-seen order. Pure. */
export function variantCounts(log: EventLog, order: VariantOrder = 'file'): Map<string, { trace: number[]; count: number }> {
  const out = new Map<string, { trace: number[]; count: number }>();
  for (const c of casesInVariantOrder(log, order)) {
    const key = c.activities.join(',');
    const v = out.get(key);
    if (v) v.count++;
    else out.set(key, { trace: Array.from(c.activities), count: 1 });
  }
  return out;
}

/** The log's cases in the order `order` asks for (see `VariantOrder`). Pure. */
export function casesInVariantOrder(log: EventLog, order: VariantOrder): readonly LogCase[] {
  const byId = order === 'case-id' || (order === 'auto' && log.cases.some((c) => c.timestamps.some((t) => !Number.isNaN(t))));
  if (!byId) return log.cases;
  return log.cases.map((c, i) => ({ c, i })).sort((x, y) => compareCodePoints(x.c.id, y.c.id) || x.i - y.i).map((x) => x.c);
}

/** Orders strings by Unicode code points (Python's and NumPy's string order), not UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}
