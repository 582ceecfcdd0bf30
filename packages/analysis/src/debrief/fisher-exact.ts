/**
 * Pure; the two-sided p-value of Fisher's exact test for the 2×2 table
 * [[a, b], [c, d]]: the sum of the hypergeometric probabilities of every table with the same
 * margins that is no more likely than the observed one (as R's `fisher.test` does, with a relative
 * tolerance of 1e-7). Computed with log-factorials, so large counts do not overflow.
 * @example fisherExactTwoSided(3, 1, 1, 3) // 0.4857142857
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const n of [a, b, c, d]) {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`Fisher's test needs non-negative integer counts, got ${n}`);
  }
  const row1 = a + b;
  const col1 = a + c;
  const n = a + b + c + d;
  if (n === 0) return 1;
  const logFact = logFactorials(n);
  const logP = (x: number): number =>
    logFact[row1] + logFact[n - row1] + logFact[col1] + logFact[n - col1]
    - logFact[n] - logFact[x] - logFact[row1 - x] - logFact[col1 - x] - logFact[n - row1 - col1 + x];
  const observed = logP(a);
  const low = Math.max(0, row1 + col1 - n);
  const high = Math.min(row1, col1);
  let total = 0;
  for (let x = low; x <= high; x += 1) {
    const lp = logP(x);
    if (lp <= observed + 1e-7 * Math.abs(observed) + 1e-12) total += Math.exp(lp);
  }
  return Math.min(1, total);
}

/** Pure; ln(k!) for k = 0..n, by summing logs (exact enough for n in the millions). */
export function logFactorials(n: number): Float64Array {
  const table = new Float64Array(n + 1);
  for (let k = 2; k <= n; k += 1) table[k] = table[k - 1] + Math.log(k);
  return table;
}
