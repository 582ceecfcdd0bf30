/** A proportion with its two-sided Wilson score interval. */
export interface WilsonInterval {
  successes: number;
  trials: number;
  /** successes / trials (0 when there are no trials). */
  rate: number;
  lower: number;
  upper: number;
}

/** z for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054;

/**
 * Pure; the Wilson score interval of `successes` out of `trials` (95 % by default). With no trials
 * the interval is [0, 1]: nothing is known.
 * @example wilsonInterval(29, 30).lower // 0.833: 29 of 30 agreeing does not yet show a rate of 0.9
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): WilsonInterval {
  if (trials <= 0) return { successes: 0, trials: 0, rate: 0, lower: 0, upper: 1 };
  const p = successes / trials;
  const z2 = z * z;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  const denominator = 1 + z2 / trials;
  return {
    successes, trials, rate: p,
    lower: Math.max(0, (centre - spread) / denominator),
    upper: Math.min(1, (centre + spread) / denominator),
  };
}

/**
 * Pure; how many more successes in a row would bring the tally to at least `minTrials` trials with a
 * Wilson lower bound at or above `threshold`; 0 when it already does, undefined when no number of
 * successes can (a threshold of 1, or more than `limit` needed).
 */
export function successesNeeded(successes: number, trials: number, threshold: number, minTrials: number, z = Z_95, limit = 100_000): number | undefined {
  const reached = (k: number) => trials + k >= minTrials && wilsonInterval(successes + k, trials + k, z).lower >= threshold;
  if (reached(0)) return 0;
  if (!reached(limit)) return undefined;
  let low = 0;
  let high = limit;
  // The lower bound grows with every added success, so the first k that reaches it is found by bisection.
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (reached(mid)) high = mid;
    else low = mid;
  }
  return high;
}
