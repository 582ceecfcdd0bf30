import type { EventLog } from '../log/event-log.js';
import { discoverVariants } from '../mining/variants.js';
import { mean, quantile } from '../stats/quantile.js';

/** One row of the variants table: a trace variant, its cases, their share and how long they took. */
export interface VariantRow {
  readonly activities: readonly string[];
  readonly count: number;
  /** count / cases in the log. */
  readonly share: number;
  /** Share of cases in this and every more frequent variant. */
  readonly cumulativeShare: number;
  /** Case duration (last event − first event), median and mean in ms; NaN without timestamps. */
  readonly medianMs: number;
  readonly meanMs: number;
}

/** Variants most frequent first (ties by sequence text), with shares and case durations; `top` keeps the first N rows. Pure. */
export function buildVariantsTable(log: EventLog, options: { top?: number } = {}): VariantRow[] {
  const durations = new Map<string, number>();
  for (const c of log.cases) {
    const n = c.timestamps.length;
    if (n > 0) durations.set(c.id, c.timestamps[n - 1] - c.timestamps[0]);
  }
  const total = log.cases.length;
  let cumulative = 0;
  const rows = discoverVariants(log).map((v) => {
    cumulative += v.count;
    const ds = v.caseIds.map((id) => durations.get(id) ?? NaN).filter((d) => !Number.isNaN(d));
    return {
      activities: v.activities,
      count: v.count,
      share: v.count / total,
      cumulativeShare: cumulative / total,
      medianMs: quantile(ds, 0.5) ?? NaN,
      meanMs: mean(ds) ?? NaN,
    };
  });
  return options.top === undefined ? rows : rows.slice(0, options.top);
}
