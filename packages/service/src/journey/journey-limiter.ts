/** A per-key budget of journey events: `take` spends n, or says how many seconds until it could. */
export interface JourneyLimiter {
  /** 0 when the n events fit the key's budget now (and spends it), else the seconds to wait. */
  take(key: string, n: number, nowMs: number): number;
}

/** Keys tracked at once; past it the oldest buckets are forgotten (they refill fully anyway). */
const MAX_KEYS = 10_000;

/**
 * A token bucket per journey key: `perMinute` events at most, refilled continuously, a burst up
 * to the whole minute's budget. In memory, per server process.
 */
export function createJourneyLimiter(perMinute = 600): JourneyLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const rate = perMinute / 60_000;
  return {
    take(key, n, nowMs) {
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: nowMs };
      const tokens = Math.min(perMinute, bucket.tokens + (nowMs - bucket.at) * rate);
      buckets.delete(key);
      if (buckets.size >= MAX_KEYS) buckets.delete(buckets.keys().next().value!);
      if (tokens < n) {
        buckets.set(key, { tokens, at: nowMs });
        return Math.max(1, Math.ceil((Math.min(n, perMinute) - tokens) / rate / 1000));
      }
      buckets.set(key, { tokens: tokens - n, at: nowMs });
      return 0;
    },
  };
}
