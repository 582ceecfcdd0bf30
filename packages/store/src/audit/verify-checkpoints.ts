import type { AuditBreak, AuditReport } from '@sopflow/engine';
import type { AuditKey } from './audit-key.js';
import { ADMIN_CHAIN_NOUNS, ADMIN_CHAIN_PREFIX, adminLogLabel, isAdminChainId } from './admin-chain.js';
import { RUN_CHAIN_NOUNS, type ChainNouns } from './verify-chain.js';
import { checkpointMac, headsDigest, type CheckpointRecord } from './sign-checkpoint.js';

/** What checking checkpoints reads from a store: the runs now (one, or all) and one event's stored hash. */
export interface CheckpointReads {
  runs(runId?: string): { id: string; version: number }[];
  hashAt(runId: string, seq: number): string | undefined;
}

/** The checkpoints' verdict: the breaks found and the report's summary (the newest checkpoint, the runs the checkpoints hold). */
export interface CheckpointVerdict {
  breaks: AuditBreak[];
  summary: NonNullable<AuditReport['checkpoint']>;
}

/**
 * Pure over `reads`; checks `checkpoints` (the newest full one, if any, then every chained one, by seq): each
 * one's digest and MAC, that each chained one follows the checkpoint before it (none deleted or replaced in
 * between), and every head any of them signed against the store now — the run exists, has at least that many
 * events and the same hash there. A run unchanged since an older checkpoint is held to that checkpoint's head.
 * One break per run (its oldest head that no longer holds). Undefined when there is no checkpoint.
 */
export function verifyCheckpoints(reads: CheckpointReads, checkpoints: readonly CheckpointRecord[], key: AuditKey | undefined, runId?: string): CheckpointVerdict | undefined {
  const newest = checkpoints.at(-1);
  if (newest === undefined) return undefined;
  const current = new Map(reads.runs(runId).map((r) => [r.id, r.version]));
  const breaks: AuditBreak[] = [];
  const held = new Set<string>();
  const broken = new Set<string>();
  checkpoints.forEach((checkpoint, i) => {
    const where = `checkpoint ${checkpoint.seq} (${checkpoint.at})`;
    const gap = linkProblem(checkpoint, checkpoints[i - 1]);
    if (gap !== undefined) breaks.push({ runId: '', seq: 0, problem: 'checkpoint', message: `${where} ${gap}` });
    if (!isSigned(checkpoint, key)) {
      breaks.push({ runId: '', seq: 0, problem: 'checkpoint', message: `${where} is not what the audit key signed: its heads or MAC were edited` });
      return;
    }
    for (const [id, version, lastHash] of checkpoint.heads) {
      held.add(id);
      if ((runId !== undefined && id !== runId) || broken.has(id)) continue;
      const now = current.get(id);
      const { item } = nounsOf(id);
      const problem: AuditBreak | undefined = now === undefined
        ? { runId: id, seq: 0, problem: 'deleted', message: `${chainName(id)} was in ${where} with ${version} ${item}s but no longer exists` }
        : now < version
          ? { runId: id, seq: now + 1, problem: 'truncated', message: `${chainName(id)} had ${version} ${item}s at ${where} but now records ${now}` }
          : reads.hashAt(id, version) !== lastHash
            ? { runId: id, seq: version, problem: 'changed', message: `${item} ${version} of ${chainName(id)} is not the one ${where} signed` }
            : undefined;
      if (problem !== undefined) {
        broken.add(id);
        breaks.push(problem);
      }
    }
  });
  const adminLogs = [...held].filter(isAdminChainId).length;
  return { breaks, summary: { seq: newest.seq, at: newest.at, runCount: held.size - adminLogs, ...(adminLogs > 0 ? { adminLogCount: adminLogs } : {}), ok: breaks.length === 0 } };
}

/** The nouns of a signed head's chain: a run's events or a tenant's admin log's rows. */
function nounsOf(id: string): ChainNouns {
  return isAdminChainId(id) ? ADMIN_CHAIN_NOUNS : RUN_CHAIN_NOUNS;
}

/** How a break names a signed head: a run, or a tenant's admin log. */
function chainName(id: string): string {
  return nounsOf(id).owner === 'run' ? `run ${id}` : adminLogLabel(id.slice(ADMIN_CHAIN_PREFIX.length));
}

/** The digest matches the heads and, with the key, the MAC matches (chained or full, as the row says). */
function isSigned(checkpoint: CheckpointRecord, key: AuditKey | undefined): boolean {
  if (headsDigest(checkpoint.heads) !== checkpoint.headsDigest || checkpoint.heads.length !== checkpoint.runCount) return false;
  const signed = { seq: checkpoint.seq, at: checkpoint.at, runCount: checkpoint.runCount, headsDigest: checkpoint.headsDigest };
  return key === undefined || checkpointMac(key.secret, signed, checkpoint.prevMac) === checkpoint.mac;
}

/** Why a chained checkpoint does not follow `before` (the checkpoint read before it, if any); undefined when it does, or for a full one. */
function linkProblem(checkpoint: CheckpointRecord, before: CheckpointRecord | undefined): string | undefined {
  if (checkpoint.prevMac === undefined) return undefined;
  if (before === undefined) {
    return checkpoint.seq === 1 && checkpoint.prevMac === '' ? undefined : 'follows a checkpoint that no longer exists: earlier checkpoints were deleted';
  }
  return before.seq + 1 === checkpoint.seq && before.mac === checkpoint.prevMac
    ? undefined
    : `does not follow checkpoint ${before.seq}: a checkpoint between them was deleted or replaced`;
}
