/**
 * A budget per key (a journey key, a client's address): `take` spends n, or says how many seconds
 * until it could; `wait` only looks.
 */
export interface RateLimiter {
  /** 0 when n fit the key's budget now (and spends them), else the seconds to wait. */
  take(key: string, n: number, nowMs: number): number;
  /** 0 when one more would fit the key's budget now, else the seconds to wait; spends nothing. */
  wait(key: string, nowMs: number): number;
}

/** Keys tracked at once; past it the oldest buckets are forgotten (they refill fully anyway). */
const MAX_KEYS = 10_000;

/**
 * A token bucket per key: `perMinute` at most, refilled continuously, a burst up to the whole
 * minute's budget. In memory, per server process; keys are never written anywhere.
 */
export function createRateLimiter(perMinute: number): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = perMinute / 60_000;
  const tokensAt = (key: string, nowMs: number) => {
    const bucket = buckets.get(key);
    return bucket === undefined ? perMinute : Math.min(perMinute, bucket.tokens + (nowMs - bucket.at) * rate);
  };
  const secondsUntil = (n: number, tokens: number) => Math.max(1, Math.ceil((Math.min(n, perMinute) - tokens) / rate / 1000));
  return {
    take(key, n, nowMs) {
      const tokens = tokensAt(key, nowMs);
      buckets.delete(key);
      if (buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      const fits = tokens >= n;
      buckets.set(key, { tokens: fits ? tokens - n : tokens, at: nowMs });
      return fits ? 0 : secondsUntil(n, tokens);
    },
    wait(key, nowMs) {
      const tokens = tokensAt(key, nowMs);
      return tokens >= 1 ? 0 : secondsUntil(1, tokens);
    },
  };
}
