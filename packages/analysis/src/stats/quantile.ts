/**
 * Pure; the q-quantile (0..1) of the values by linear interpolation between closest ranks
 * (numpy's default, so p50 of [1, 2, 3, 4] is 2.5). Undefined for no values.
 * @example quantile([10, 20, 30, 40, 50], 0.95) // 48
 */
export function quantile(values: readonly number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((x, y) => x - y);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/** Pure; the arithmetic mean, undefined for no values. */
export function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((s, v) => s + v, 0) / values.length;
}
