import { createHash, createHmac } from 'node:crypto';
import type { AuditCheckpoint } from '@sopflow/engine';

/** One run's head as a checkpoint records it: [run id, version, last hash]. */
export type CheckpointHead = [runId: string, version: number, lastHash: string];

/** A checkpoint as stored: the public part, the heads it covers, the key it was signed with and the MAC. */
export interface CheckpointRecord extends AuditCheckpoint {
  heads: CheckpointHead[];
  keyId: string;
  mac: string;
}

/** Pure; SHA-256 over every head, one line each, in the order given (callers sort by run id). */
export function headsDigest(heads: readonly CheckpointHead[]): string {
  const hash = createHash('sha256');
  for (const [runId, version, lastHash] of heads) hash.update(`${runId}\n${version}\n${lastHash}\n`);
  return hash.digest('hex');
}

/** Pure; the checkpoint's MAC under the audit key over its seq, time, run count and heads digest. */
export function checkpointMac(secret: Buffer, checkpoint: AuditCheckpoint): string {
  return createHmac('sha256', secret)
    .update(`checkpoint\n${checkpoint.seq}\n${checkpoint.at}\n${checkpoint.runCount}\n${checkpoint.headsDigest}`)
    .digest('hex');
}

/** Pure; a signed checkpoint of `heads` (sorted here by run id). */
export function signCheckpoint(secret: Buffer, keyId: string, seq: number, at: string, heads: readonly CheckpointHead[]): CheckpointRecord {
  const sorted = [...heads].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const checkpoint: AuditCheckpoint = { seq, at, runCount: sorted.length, headsDigest: headsDigest(sorted) };
  return { ...checkpoint, heads: sorted, keyId, mac: checkpointMac(secret, checkpoint) };
}
