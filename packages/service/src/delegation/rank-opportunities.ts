import type { Opportunity } from '@sopflow/analysis';

/**
 * Pure; opportunities ranked by expected monthly value, then potential value (steps without enough
 * history last), then `key`; each with its rank and the running total of positive values.
 */
export function rankOpportunities<T extends Opportunity>(items: readonly T[], key: (item: T) => string = (item) => item.nodeId): { items: (T & { rank: number; cumulativeValue: number })[]; totalValue: number } {
  const order = (v: number | undefined): number => v ?? Number.NEGATIVE_INFINITY;
  const sorted = [...items].sort((a, b) => order(b.monthlyValue) - order(a.monthlyValue) || order(b.potentialMonthlyValue) - order(a.potentialMonthlyValue) || key(a).localeCompare(key(b)));
  let running = 0;
  const ranked = sorted.map((item, i) => {
    running += Math.max(0, item.monthlyValue ?? 0);
    return { ...item, rank: i + 1, cumulativeValue: round2(running) };
  });
  return { items: ranked, totalValue: round2(running) };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
