import { createHash } from 'node:crypto';

/** The hash of the chain's first link's predecessor. */
export const GENESIS_HASH = '';

/**
 * SHA-256 over the previous hash and every field of the event, so changing, inserting or deleting
 * a row breaks the chain from that row on.
 */
export function hashEvent(prevHash: string, runId: string, seq: number, type: string, at: string, dataJson: string): string {
  return createHash('sha256')
    .update(prevHash).update('\n')
    .update(runId).update('\n')
    .update(String(seq)).update('\n')
    .update(type).update('\n')
    .update(at).update('\n')
    .update(dataJson)
    .digest('hex');
}
