import type Database from 'better-sqlite3';
import type { AuditCheckpoint, TaskRow } from '@sopflow/engine';
import { ADMIN_CHAIN_PREFIX } from '../audit/admin-chain.js';
import type { AuditKey } from '../audit/audit-key.js';
import type { ChainScheme } from '../audit/hash-event.js';
import { headMac } from '../audit/head-mac.js';
import { runAudit, type AuditSource, type StoreAuditReport } from '../audit/run-audit.js';
import { adminLogSnapshot, type AdminHeadColumns, type AdminRowColumns } from '../process-os/admin-audit-records.js';
import { CHECKPOINTS_TO_VERIFY, publicCheckpoint, signNextCheckpoint, toCheckpointRecord, type CheckpointColumns, type CheckpointHead } from '../audit/sign-checkpoint.js';
import { toTaskRow } from '../schema/row-mapping.js';
import type { StoreDatabase } from '../schema/database.js';
import { StoreError } from '../store-error.js';
import { retryBusy, type BusyRetryOptions } from './retry-busy.js';

interface RunColumns { id: string; version: number; last_hash: string; status: string; workflow_hash: string; ended_at: string | null; chain_scheme: string; head_mac: string | null }

/**
 * Settles which key the store is keyed with: records `key`'s id on first use (and MACs every
 * existing run head, so runs written before keying are pinned from now on), refuses a different
 * key, and refuses a writable open of a keyed store without its key. Returns the key to use, if any.
 */
export function settleAuditKey(db: Database.Database, file: string, key: AuditKey | undefined, readonly: boolean): AuditKey | undefined {
  const keyId = db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'audit_key_id'").pluck();
  let stored = keyId.get();
  if (key !== undefined && stored === undefined && !readonly) {
    const runs = db.prepare<[], RunColumns>('SELECT id, version, last_hash, status, workflow_hash, chain_scheme FROM runs');
    const setMac = db.prepare('UPDATE runs SET head_mac = ? WHERE id = ?');
    // Read again under the write lock: another process opening the store at the same moment may have keyed it first.
    stored = db.transaction(() => {
      const first = keyId.get();
      if (first !== undefined) return first;
      db.prepare("INSERT INTO store_meta (key, value) VALUES ('audit_key_id', ?)").run(key.id);
      for (const run of runs.all()) {
        setMac.run(headMac(key.secret, {
          runId: run.id, version: Number(run.version), lastHash: run.last_hash, status: run.status, workflowHash: run.workflow_hash, scheme: run.chain_scheme as ChainScheme,
        }), run.id);
      }
      return key.id;
    }).immediate();
  }
  if (key !== undefined && stored !== undefined && stored !== key.id) {
    throw new StoreError('audit_key_mismatch', `this store was keyed with key ${stored}; the key ${key.path === undefined ? 'given' : `at ${key.path}`} is ${key.id}`);
  }
  if (key === undefined && stored !== undefined) {
    if (readonly) return undefined;
    throw new StoreError('audit_key_missing', `${file} is keyed with audit key ${stored}; open it with that key (SOPFLOW_AUDIT_KEY_FILE) to write to it`);
  }
  return stored === undefined ? undefined : key;
}

/**
 * The SQLite store's audit: `runAudit` over one read snapshot, and signed checkpoints in `audit_checkpoints`,
 * each covering the runs whose head moved since the checkpoint before (`audit_heads`) and linked to its MAC.
 */
export function createSqliteAudit(db: Database.Database, file: string, key: AuditKey | undefined, retry?: BusyRetryOptions) {
  const keyId = db.prepare<[], string>("SELECT value FROM store_meta WHERE key = 'audit_key_id'").pluck();
  const allRuns = db.prepare<[], RunColumns>('SELECT id, version, last_hash, status, workflow_hash, ended_at, chain_scheme, head_mac FROM runs ORDER BY started_at, id');
  const oneRun = db.prepare<[string], RunColumns>('SELECT id, version, last_hash, status, workflow_hash, ended_at, chain_scheme, head_mac FROM runs WHERE id = ?');
  const chain = db.prepare<[string], { seq: number; type: string; at: string; data: string; prev_hash: string; hash: string }>(
    'SELECT seq, type, at, data, prev_hash, hash FROM events WHERE run_id = ? ORDER BY seq');
  const tasks = db.prepare<[string], StoreDatabase['tasks']>('SELECT * FROM tasks WHERE run_id = ?');
  const orphans = db.prepare<[], string>('SELECT DISTINCT run_id FROM events WHERE run_id NOT IN (SELECT id FROM runs)').pluck();
  const workflows = db.prepare<[], { hash: string; text: string }>('SELECT hash, text FROM workflows ORDER BY hash');
  const checkpoints = db.prepare<[], CheckpointColumns>(CHECKPOINTS_TO_VERIFY);
  const hashAt = db.prepare<[string, number], string>('SELECT hash FROM events WHERE run_id = ? AND seq = ?').pluck();
  const adminRows = db.prepare<[], AdminRowColumns>('SELECT * FROM admin_audit');
  const adminHeads = db.prepare<[], AdminHeadColumns>('SELECT * FROM admin_audit_heads');
  const newest = db.prepare<[], { seq: number; mac: string }>('SELECT seq, mac FROM audit_checkpoints ORDER BY seq DESC LIMIT 1');
  // The runs whose head moved since the newest checkpoint that covered them (or that none covered yet).
  const changedHeads = db.prepare<[string, string], { id: string; version: number; last_hash: string }>(`SELECT r.id, r.version, r.last_hash FROM runs r
    LEFT JOIN audit_heads h ON h.run_id = r.id WHERE h.run_id IS NULL OR h.version <> r.version OR h.last_hash <> r.last_hash
    UNION ALL SELECT ? || a.tenant_key, a.seq, a.last_hash FROM admin_audit_heads a
    LEFT JOIN audit_heads h ON h.run_id = ? || a.tenant_key WHERE h.run_id IS NULL OR h.version <> a.seq OR h.last_hash <> a.last_hash`);
  const insertCheckpoint = db.prepare('INSERT INTO audit_checkpoints (seq, at, run_count, heads_digest, heads, key_id, mac, prev_mac) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const holdHead = db.prepare(`INSERT INTO audit_heads (run_id, version, last_hash, checkpoint_seq) VALUES (?, ?, ?, ?)
    ON CONFLICT (run_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash, checkpoint_seq = excluded.checkpoint_seq`);

  const source: AuditSource = {
    storeKeyId: () => keyId.get(),
    runs: (runId) => (runId === undefined ? allRuns.all() : [oneRun.get(runId)].filter((r) => r !== undefined)).map((r) => ({
      id: r.id, version: Number(r.version), lastHash: r.last_hash, status: r.status, workflowHash: r.workflow_hash, scheme: r.chain_scheme as ChainScheme,
      ...(r.ended_at === null ? {} : { endedAt: r.ended_at }), ...(r.head_mac === null ? {} : { headMac: r.head_mac }),
    })),
    chain: (runId) => chain.all(runId).map((r) => ({ seq: Number(r.seq), type: r.type, at: r.at, dataJson: r.data, prevHash: r.prev_hash, hash: r.hash })),
    tasks: (runId): TaskRow[] => tasks.all(runId).map(toTaskRow),
    orphanEventRuns: (runId) => orphans.all().filter((id) => runId === undefined || id === runId),
    workflows: (hashes) => workflows.all().filter((w) => hashes === undefined || hashes.includes(w.hash)),
    checkpoints: () => checkpoints.all().map(toCheckpointRecord),
    hashAt: (runId, seq) => hashAt.get(runId, seq),
    adminLog: () => adminLogSnapshot(adminRows.all(), adminHeads.all()),
  };
  // One deferred transaction: every read sees the same snapshot, so a concurrent append never looks like tampering.
  const verifyTx = db.transaction((runId?: string) => runAudit(source, key, runId));
  const checkpointTx = db.transaction((signer: AuditKey, at: string): AuditCheckpoint => {
    const changed = changedHeads.all(ADMIN_CHAIN_PREFIX, ADMIN_CHAIN_PREFIX).map((r): CheckpointHead => [r.id, Number(r.version), r.last_hash]);
    const record = signNextCheckpoint(signer, newest.get(), at, changed);
    insertCheckpoint.run(record.seq, record.at, record.runCount, record.headsDigest, JSON.stringify(record.heads), record.keyId, record.mac, record.prevMac);
    for (const [runId, version, lastHash] of record.heads) holdHead.run(runId, version, lastHash, record.seq);
    return publicCheckpoint(record);
  });

  return {
    verify(runId?: string): StoreAuditReport {
      return verifyTx(runId);
    },
    async writeCheckpoint(now: Date): Promise<AuditCheckpoint> {
      if (key === undefined) throw new StoreError('audit_key_missing', 'checkpoints are signed with the audit key; open the store with auditKey');
      return retryBusy(file, () => checkpointTx.immediate(key, now.toISOString()), retry);
    },
  };
}
