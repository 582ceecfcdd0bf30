import { createHash } from 'node:crypto';

/** The hash of the chain's first link's predecessor. */
export const GENESIS_HASH = '';

/**
 * SHA-256 over the previous hash and every field of the event, so changing, inserting or deleting
 * a row breaks the chain from that row on.
 */
export function hashEvent(prevHash: string, runId: string, seq: number, type: string, at: string, dataJson: string): string {
  // One update of the joined text: the same bytes (and digest) as updating field by field, fewer native calls.
  return createHash('sha256').update(`${prevHash}\n${runId}\n${seq}\n${type}\n${at}\n${dataJson}`).digest('hex');
}
