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

/**
 * Pure; the first broken link of one run's chain, or undefined. `expectedLength` and `lastHash`
 * come from the run row, so deleting the newest events is caught too. `hasher` null (a keyed chain
 * checked without its key) checks seq and links only; `keyed` words a mismatch for a keyed chain.
 */
export function verifyChain(
  runId: string, rows: readonly ChainRow[], expectedLength: number, lastHash: string, hasher: EventHasher | null = hashEvent, keyed = false,
): AuditBreak | undefined {
  let prev = GENESIS_HASH;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const wantSeq = i + 1;
    if (row.seq > wantSeq) return { runId, seq: wantSeq, problem: 'missing', message: `event ${wantSeq} is missing (next stored is ${row.seq})` };
    if (row.seq < wantSeq) return { runId, seq: row.seq, problem: 'inserted', message: `event ${row.seq} appears twice` };
    if (row.prevHash !== prev) {
      return { runId, seq: row.seq, problem: 'inserted', message: `event ${row.seq} does not link to event ${row.seq - 1} (inserted or reordered)` };
    }
    const hash = hasher === null ? row.hash : hasher(prev, runId, row.seq, row.type, row.at, row.dataJson);
    if (hash !== row.hash) return { runId, seq: row.seq, problem: 'changed', message: mismatchMessage(runId, row, prev, keyed) };
    prev = hash;
  }
  if (rows.length < expectedLength) {
    return { runId, seq: rows.length + 1, problem: 'truncated', message: `the run records ${expectedLength} events but only ${rows.length} are stored` };
  }
  if (rows.length > expectedLength) {
    return { runId, seq: expectedLength + 1, problem: 'inserted', message: `event ${expectedLength + 1} was added after the run's last recorded event` };
  }
  if (prev !== lastHash) return { runId, seq: rows.length, problem: 'changed', message: `the last event's hash does not match the run's recorded head` };
  return undefined;
}

function mismatchMessage(runId: string, row: ChainRow, prev: string, keyed: boolean): string {
  if (!keyed) return `event ${row.seq} (${row.type}) was changed after it was written`;
  if (hashEvent(prev, runId, row.seq, row.type, row.at, row.dataJson) === row.hash) {
    return `event ${row.seq} (${row.type}) carries a plain SHA-256 hash where the audit key's HMAC belongs: the chain was recomputed without the key`;
  }
  return `event ${row.seq} (${row.type}) does not match its HMAC under the audit key: changed after it was written, or re-hashed with another key`;
}
