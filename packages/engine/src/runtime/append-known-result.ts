import type { AppendOutcome, AppendRequest } from '../ports/run-records.js';
import type { EventStore } from '../ports/run-store.js';

/** Waits between tries: about a minute in all, on top of the store's own busy timeout per try. */
export const KNOWN_RESULT_BACKOFF_MS: readonly number[] = [25, 50, 100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000, 5000];

/**
 * Appends a decision that records a step's result, retrying with backoff when the store throws
 * (a busy or briefly unavailable database): the result is known, so it must not be lost and later
 * asked about as "did this happen?". A conflict is an answer, not an error, and is returned at once.
 * Rethrows the last error once the backoff is spent.
 */
export async function appendKnownResult(store: EventStore, request: AppendRequest, backoffMs: readonly number[] = KNOWN_RESULT_BACKOFF_MS): Promise<AppendOutcome> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await store.append(request);
    } catch (error) {
      if (attempt >= backoffMs.length) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs[attempt]));
    }
  }
}
