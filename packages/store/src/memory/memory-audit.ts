import type { AuditCheckpoint, AuditReport, TaskRow } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { runAudit, type AuditSource } from '../audit/run-audit.js';
import { publicCheckpoint, signNextCheckpoint, type CheckpointHead, type CheckpointRecord } from '../audit/sign-checkpoint.js';
import { StoreError } from '../store-error.js';
import type { MemoryRun } from './memory-run.js';

/** What the memory store's audit reads. */
export interface MemoryAuditState {
  runs: Map<string, MemoryRun>;
  tasks: Map<string, TaskRow>;
  workflows: Map<string, string>;
  key: AuditKey | undefined;
}

/** The memory store's audit: the shared `runAudit` over its maps, and chained checkpoints of the runs changed since the one before, kept in memory. */
export function createMemoryAudit(state: MemoryAuditState): { verify(runId?: string): AuditReport; writeCheckpoint(now: Date): AuditCheckpoint } {
  const checkpoints: CheckpointRecord[] = [];
  /** Each run's head as the newest checkpoint covering it signed it. */
  const held = new Map<string, string>();
  const source: AuditSource = {
    storeKeyId: () => state.key?.id,
    runs: (runId) => [...state.runs.values()].filter((r) => runId === undefined || r.summary.id === runId).map((r) => ({
      id: r.summary.id, version: r.summary.version, lastHash: r.lastHash, status: r.summary.status, workflowHash: r.summary.workflowHash,
      scheme: r.scheme, ...(r.summary.endedAt === undefined ? {} : { endedAt: r.summary.endedAt }), ...(r.headMac === undefined ? {} : { headMac: r.headMac }),
    })),
    chain: (runId) => {
      const run = state.runs.get(runId);
      return run === undefined ? [] : run.events.map((e, i) => ({ seq: e.seq, type: e.type, at: e.at, dataJson: run.dataJson[i], prevHash: e.prevHash, hash: e.hash }));
    },
    tasks: (runId) => [...state.tasks.values()].filter((t) => t.runId === runId),
    orphanEventRuns: () => [],
    workflows: (hashes) => [...state.workflows].filter(([hash]) => hashes === undefined || hashes.includes(hash)).map(([hash, text]) => ({ hash, text })),
    checkpoints: () => checkpoints,
    hashAt: (runId, seq) => state.runs.get(runId)?.events[seq - 1]?.hash,
  };
  return {
    verify: (runId) => runAudit(source, state.key, runId),
    writeCheckpoint(now) {
      if (state.key === undefined) throw new StoreError('audit_key_missing', 'checkpoints are signed with the audit key; create the store with auditKey');
      const changed = [...state.runs.values()]
        .map((r): CheckpointHead => [r.summary.id, r.summary.version, r.lastHash])
        .filter(([id, version, lastHash]) => held.get(id) !== `${version}\n${lastHash}`);
      const record = signNextCheckpoint(state.key, checkpoints.at(-1), now.toISOString(), changed);
      checkpoints.push(record);
      for (const [id, version, lastHash] of record.heads) held.set(id, `${version}\n${lastHash}`);
      return publicCheckpoint(record);
    },
  };
}
