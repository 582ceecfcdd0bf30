import { createHash, createHmac } from 'node:crypto';

/** The hash of the chain's first link's predecessor. */
export const GENESIS_HASH = '';

/** How a run's chain links are computed: plain SHA-256 (runs written before the store was keyed) or HMAC-SHA256 with the audit key. */
export type ChainScheme = 'sha256' | 'hmac-sha256';

/** Computes one link from the previous hash and the event's stored fields. */
export type EventHasher = (prevHash: string, runId: string, seq: number, type: string, at: string, dataJson: string) => string;

/**
 * SHA-256 over the previous hash and every field of the event, so changing, inserting or deleting
 * a row breaks the chain from that row on.
 */
export function hashEvent(prevHash: string, runId: string, seq: number, type: string, at: string, dataJson: string): string {
  // One update of the joined text: the same bytes (and digest) as updating field by field, fewer native calls.
  return createHash('sha256').update(`${prevHash}\n${runId}\n${seq}\n${type}\n${at}\n${dataJson}`).digest('hex');
}

/** The same link as `hashEvent`, as an HMAC-SHA256 under the audit key: nobody without the key can recompute it. */
export function hmacEvent(secret: Buffer, prevHash: string, runId: string, seq: number, type: string, at: string, dataJson: string): string {
  return createHmac('sha256', secret).update(`${prevHash}\n${runId}\n${seq}\n${type}\n${at}\n${dataJson}`).digest('hex');
}

/** The hasher for a scheme; undefined for a keyed scheme when no key is at hand (links are then checked, hashes are not). */
export function eventHasher(scheme: ChainScheme, secret: Buffer | undefined): EventHasher | undefined {
  if (scheme === 'sha256') return hashEvent;
  if (secret === undefined) return undefined;
  return (prev, runId, seq, type, at, dataJson) => hmacEvent(secret, prev, runId, seq, type, at, dataJson);
}
