import type { AuditBreak } from '@sopflow/engine';
import { GENESIS_HASH, hashEvent, type EventHasher } from './hash-event.js';

/** One stored row as read back for verification (data still as stored JSON text). */
export interface ChainRow {
  seq: number;
  type: string;
  at: string;
  dataJson: string;
  prevHash: string;
  hash: string;
}

/** The words a chain's breaks are written with: what one link is, and what records the chain's length and last hash. */
export interface ChainNouns { item: 'event' | 'row'; owner: 'run' | 'log' }

/** A run's chain: events, whose length and last hash the run row records. */
export const RUN_CHAIN_NOUNS: ChainNouns = { item: 'event', owner: 'run' };

/** How one chain is checked: its hasher (null: a keyed chain checked without its key, seq and links only), whether it is keyed, and its nouns. */
export interface ChainCheck { hasher: EventHasher | null; keyed: boolean; nouns: ChainNouns }

/**
 * Pure; the first broken link of one chain (`chainId` is what its hasher was given), or undefined. `expectedLength`
 * and `lastHash` come from the chain's owner (the run row, the admin log's head), so deleting the newest links is
 * caught too. `keyed` words a mismatch for a keyed chain; `nouns` word every message.
 */
export function verifyChain(
  chainId: string, rows: readonly ChainRow[], expectedLength: number, lastHash: string, check: ChainCheck,
): AuditBreak | undefined {
  const { item, owner } = check.nouns;
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const wantSeq = i + 1;
    if (row.seq > wantSeq) return { runId: chainId, seq: wantSeq, problem: 'missing', message: `${item} ${wantSeq} is missing (next stored is ${row.seq})` };
    if (row.seq < wantSeq) return { runId: chainId, seq: row.seq, problem: 'inserted', message: `${item} ${row.seq} appears twice` };
    if (row.prevHash !== prev) {
      return { runId: chainId, seq: row.seq, problem: 'inserted', message: `${item} ${row.seq} does not link to ${item} ${row.seq - 1} (inserted or reordered)` };
    }
    const hash = check.hasher === null ? row.hash : check.hasher(prev, chainId, row.seq, row.type, row.at, row.dataJson);
    if (hash !== row.hash) return { runId: chainId, seq: row.seq, problem: 'changed', message: mismatchMessage(chainId, row, prev, check) };
    prev = hash;
  }
  if (rows.length < expectedLength) {
    return { runId: chainId, seq: rows.length + 1, problem: 'truncated', message: `the ${owner} records ${expectedLength} ${item}s but only ${rows.length} are stored` };
  }
  if (rows.length > expectedLength) {
    return { runId: chainId, seq: expectedLength + 1, problem: 'inserted', message: `${item} ${expectedLength + 1} was added after the ${owner}'s last recorded ${item}` };
  }
  if (prev !== lastHash) return { runId: chainId, seq: rows.length, problem: 'changed', message: `the last ${item}'s hash does not match the ${owner}'s recorded head` };
  return undefined;
}

function mismatchMessage(chainId: string, row: ChainRow, prev: string, check: ChainCheck): string {
  const link = `${check.nouns.item} ${row.seq} (${row.type})`;
  if (!check.keyed) return `${link} was changed after it was written`;
  if (hashEvent(prev, chainId, row.seq, row.type, row.at, row.dataJson) === row.hash) {
    return `${link} carries a plain SHA-256 hash where the audit key's HMAC belongs: the chain was recomputed without the key`;
  }
  return `${link} does not match its HMAC under the audit key: changed after it was written, or re-hashed with another key`;
}
