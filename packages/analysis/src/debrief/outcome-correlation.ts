import type { Deviation } from '../deviations/deviation.js';
import type { RunRecord } from '../records/run-record.js';
import { fisherExactTwoSided } from './fisher-exact.js';

export interface PatternCorrelation {
  pattern: string;
  /** Runs showing the pattern, and how many of them ended well. */
  runsWith: number;
  goodWith: number;
  runsWithout: number;
  goodWithout: number;
  rateWith: number;
  rateWithout?: number;
  /** Two-sided Fisher's exact test on [[goodWith, badWith], [goodWithout, badWithout]]. */
  pValue: number;
  direction: 'better' | 'worse' | 'same';
}

/**
 * Pure; for each deviation pattern: how many runs show it, the good-outcome rate with and without
 * it, and Fisher's exact two-sided p-value. No claim without numbers: every figure is returned.
 */
export function correlateOutcomes(records: readonly RunRecord[], deviations: readonly Deviation[], isGood: (r: RunRecord) => boolean): PatternCorrelation[] {
  const runsByPattern = new Map<string, Set<string>>();
  for (const d of deviations) runsByPattern.set(d.pattern, (runsByPattern.get(d.pattern) ?? new Set()).add(d.runId));
  const good = new Set(records.filter(isGood).map((r) => r.runId));
  const total = records.length;
  const totalGood = good.size;
  const out: PatternCorrelation[] = [];
  for (const [pattern, runs] of runsByPattern) {
    const runsWith = runs.size;
    const goodWith = [...runs].filter((id) => good.has(id)).length;
    const runsWithout = total - runsWith;
    const goodWithout = totalGood - goodWith;
    const rateWith = goodWith / runsWith;
    const rateWithout = runsWithout === 0 ? undefined : goodWithout / runsWithout;
    const pValue = fisherExactTwoSided(goodWith, runsWith - goodWith, goodWithout, runsWithout - goodWithout);
    const direction = rateWithout === undefined || Math.abs(rateWith - rateWithout) < 1e-9 ? 'same' : rateWith > rateWithout ? 'better' : 'worse';
    out.push({ pattern, runsWith, goodWith, runsWithout, goodWithout, rateWith, ...(rateWithout === undefined ? {} : { rateWithout }), pValue, direction });
  }
  return out.sort((a, b) => a.pValue - b.pValue || b.runsWith - a.runsWith || a.pattern.localeCompare(b.pattern));
}
