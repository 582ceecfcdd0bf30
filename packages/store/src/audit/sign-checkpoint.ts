import { createHash, createHmac } from 'node:crypto';
import type { AuditCheckpoint } from '@sopflow/engine';

/** One run's head as a checkpoint records it: [run id, version, last hash]. */
export type CheckpointHead = [runId: string, version: number, lastHash: string];

/**
 * A checkpoint as stored: the public part, the heads it covers, the key it was signed with and the MAC.
 * `prevMac` is the MAC of the checkpoint before it ('' for the first): such a checkpoint covers the runs
 * changed since that one. Without it (written before migration 0018) it is a full checkpoint of every run.
 */
export interface CheckpointRecord extends AuditCheckpoint {
  heads: CheckpointHead[];
  keyId: string;
  mac: string;
  prevMac?: string;
}

/** Pure; SHA-256 over every head, one line each, in the order given (callers sort by run id). */
export function headsDigest(heads: readonly CheckpointHead[]): string {
  const hash = createHash('sha256');
  for (const [runId, version, lastHash] of heads) hash.update(`${runId}\n${version}\n${lastHash}\n`);
  return hash.digest('hex');
}

/**
 * Pure; the checkpoint's MAC under the audit key over its seq, time, run count, heads digest and — for a
 * chained checkpoint — the previous checkpoint's MAC, so the newest MAC vouches for every checkpoint before it.
 */
export function checkpointMac(secret: Buffer, checkpoint: AuditCheckpoint, prevMac?: string): string {
  const signed = `${checkpoint.seq}\n${checkpoint.at}\n${checkpoint.runCount}\n${checkpoint.headsDigest}`;
  return createHmac('sha256', secret)
    .update(prevMac === undefined ? `checkpoint\n${signed}` : `checkpoint-chained\n${signed}\n${prevMac}`)
    .digest('hex');
}

/** Pure; a signed checkpoint of `heads` (sorted here by run id), chained to the checkpoint whose MAC is `prevMac` ('' for the first). */
export function signCheckpoint(secret: Buffer, keyId: string, seq: number, at: string, heads: readonly CheckpointHead[], prevMac: string): CheckpointRecord {
  const sorted = [...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const checkpoint: AuditCheckpoint = { seq, at, runCount: sorted.length, headsDigest: headsDigest(sorted) };
  return { ...checkpoint, heads: sorted, keyId, prevMac, mac: checkpointMac(secret, checkpoint, prevMac) };
}

/** Pure; the checkpoint after `previous` (the newest stored, if any) over the heads of the runs changed since, linked to its MAC. */
export function signNextCheckpoint(key: { id: string; secret: Buffer }, previous: { seq: number; mac: string } | undefined, at: string, changed: readonly CheckpointHead[]): CheckpointRecord {
  return signCheckpoint(key.secret, key.id, Number(previous?.seq ?? 0) + 1, at, changed, previous?.mac ?? '');
}

/** Pure; the public part a writer returns. */
export function publicCheckpoint(record: CheckpointRecord): AuditCheckpoint {
  return { seq: record.seq, at: record.at, runCount: record.runCount, headsDigest: record.headsDigest };
}

/** The checkpoints verify reads, by seq: from the newest full one (written before chaining), else from the first; the same text on SQLite and PostgreSQL. */
export const CHECKPOINTS_TO_VERIFY = `SELECT * FROM audit_checkpoints
  WHERE seq >= coalesce((SELECT max(seq) FROM audit_checkpoints WHERE prev_mac IS NULL), 0) ORDER BY seq`;

/** An `audit_checkpoints` row as SQLite and PostgreSQL return it. */
export interface CheckpointColumns { seq: number; at: string; run_count: number; heads_digest: string; heads: string; key_id: string; mac: string; prev_mac: string | null }

/** Pure; the record of a stored row (numbers may come back as strings from PostgreSQL). */
export function toCheckpointRecord(row: CheckpointColumns): CheckpointRecord {
  return {
    seq: Number(row.seq), at: row.at, runCount: Number(row.run_count), headsDigest: row.heads_digest,
    heads: JSON.parse(row.heads) as CheckpointHead[], keyId: row.key_id, mac: row.mac, ...(row.prev_mac === null ? {} : { prevMac: row.prev_mac }),
  };
}
