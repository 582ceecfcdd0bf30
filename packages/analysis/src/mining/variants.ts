import type { EventLog } from '../log/event-log.js';

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

/** Variants as activity-id traces with counts (the compressed log the miners work on). Pure. */
export function variantCounts(log: EventLog): Map<string, { trace: number[]; count: number }> {
  const out = new Map<string, { trace: number[]; count: number }>();
  for (const c of log.cases) {
    const key = c.activities.join(',');
    const v = out.get(key);
    if (v) v.count++;
    else out.set(key, { trace: Array.from(c.activities), count: 1 });
  }
  return out;
}
