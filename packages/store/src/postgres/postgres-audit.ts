import type pg from 'pg';
import type { AuditCheckpoint, TaskRow } from '@sopflow/engine';
import { ADMIN_CHAIN_PREFIX } from '../audit/admin-chain.js';
import type { AuditKey } from '../audit/audit-key.js';
import type { ChainScheme } from '../audit/hash-event.js';
import { headMac } from '../audit/head-mac.js';
import { runAudit, type AuditRunRow, type AuditSource, type StoreAuditReport } from '../audit/run-audit.js';
import { adminLogSnapshot, type AdminHeadColumns, type AdminRowColumns } from '../process-os/admin-audit-records.js';
import { CHECKPOINTS_TO_VERIFY, publicCheckpoint, signNextCheckpoint, toCheckpointRecord, type CheckpointColumns, type CheckpointHead } from '../audit/sign-checkpoint.js';
import type { ChainRow } from '../audit/verify-chain.js';
import type { StoreDatabase } from '../schema/database.js';
import { toTaskRow } from '../schema/row-mapping.js';
import { StoreError } from '../store-error.js';
import { inTransaction } from './in-transaction.js';

interface RunColumns { id: string; version: number; last_hash: string; status: string; workflow_hash: string; ended_at: string | null; chain_scheme: string; head_mac: string | null }
interface EventColumns { run_id: string; seq: number; type: string; at: string; data: string; prev_hash: string; hash: string }

const KEY_ID = "SELECT value FROM store_meta WHERE key = 'audit_key_id'";

/**
 * Settles which key the store is keyed with, as on SQLite: records `key`'s id on first use and MACs
 * every existing run head in the same transaction, refuses a different key, and refuses a writable
 * open of a keyed store without its key. Returns the key to use, if any.
 */
export async function settlePostgresAuditKey(pool: pg.Pool, label: string, key: AuditKey | undefined, readonly: boolean): Promise<AuditKey | undefined> {
  const storedId = async () => (await pool.query<{ value: string }>(KEY_ID)).rows[0]?.value;
  let stored = await storedId();
  if (key !== undefined && stored === undefined && !readonly) {
    const keyed = await inTransaction(pool, label, async (client) => {
      const inserted = await client.query("INSERT INTO store_meta (key, value) VALUES ('audit_key_id', $1) ON CONFLICT (key) DO NOTHING", [key.id]);
      if ((inserted.rowCount ?? 0) === 0) return false; // another process keyed it first: compare below
      const runs = await client.query<RunColumns>('SELECT id, version, last_hash, status, workflow_hash, chain_scheme FROM runs FOR UPDATE');
      for (const run of runs.rows) {
        const mac = headMac(key.secret, {
          runId: run.id, version: Number(run.version), lastHash: run.last_hash, status: run.status, workflowHash: run.workflow_hash, scheme: run.chain_scheme as ChainScheme,
        });
        await client.query('UPDATE runs SET head_mac = $1 WHERE id = $2', [mac, run.id]);
      }
      return true;
    });
    if (keyed) return key;
    stored = await storedId();
  }
  if (key !== undefined && stored !== undefined && stored !== key.id) {
    throw new StoreError('audit_key_mismatch', `this store was keyed with key ${stored}; the key ${key.path === undefined ? 'given' : `at ${key.path}`} is ${key.id}`);
  }
  if (key === undefined && stored !== undefined && !readonly) {
    throw new StoreError('audit_key_missing', `${label} is keyed with audit key ${stored}; open it with that key (SOPFLOW_AUDIT_KEY_FILE) to write to it`);
  }
  return stored === undefined ? undefined : key;
}

/** Reads everything the audit checks in one snapshot and answers `runAudit`'s synchronous questions from it. */
async function readAuditSource(client: pg.PoolClient, runId: string | undefined): Promise<AuditSource> {
  const only = runId === undefined ? '' : 'WHERE run_id = $1';
  const params = runId === undefined ? [] : [runId];
  const keyId = (await client.query<{ value: string }>(KEY_ID)).rows[0]?.value;
  const runs = (await client.query<RunColumns>(`SELECT id, version, last_hash, status, workflow_hash, ended_at, chain_scheme, head_mac FROM runs
    ${runId === undefined ? '' : 'WHERE id = $1'} ORDER BY started_at, id COLLATE "C"`, params)).rows.map((r): AuditRunRow => ({
    id: r.id, version: Number(r.version), lastHash: r.last_hash, status: r.status, workflowHash: r.workflow_hash, scheme: r.chain_scheme as ChainScheme,
    ...(r.ended_at === null ? {} : { endedAt: r.ended_at }), ...(r.head_mac === null ? {} : { headMac: r.head_mac }),
  }));
  const chains = new Map<string, ChainRow[]>();
  for (const e of (await client.query<EventColumns>(`SELECT run_id, seq, type, at, data, prev_hash, hash FROM events ${only} ORDER BY run_id, seq`, params)).rows) {
    const chain = chains.get(e.run_id) ?? [];
    chain.push({ seq: Number(e.seq), type: e.type, at: e.at, dataJson: e.data, prevHash: e.prev_hash, hash: e.hash });
    chains.set(e.run_id, chain);
  }
  const tasks = new Map<string, TaskRow[]>();
  for (const row of (await client.query<StoreDatabase['tasks']>(`SELECT * FROM tasks ${only}`, params)).rows) {
    tasks.set(row.run_id, [...(tasks.get(row.run_id) ?? []), toTaskRow(row)]);
  }
  const runIds = new Set(runs.map((r) => r.id));
  const orphans = [...chains.keys()].filter((id) => !runIds.has(id));
  const workflows = (await client.query<{ hash: string; text: string }>('SELECT hash, text FROM workflows ORDER BY hash')).rows;
  const checkpoints = (await client.query<CheckpointColumns>(CHECKPOINTS_TO_VERIFY)).rows.map(toCheckpointRecord);
  // The admin log only for the whole store, read once: its chains and the admin heads the checkpoints signed are checked from it.
  const adminLog = runId === undefined
    ? adminLogSnapshot((await client.query<AdminRowColumns>('SELECT * FROM admin_audit')).rows, (await client.query<AdminHeadColumns>('SELECT * FROM admin_audit_heads')).rows)
    : undefined;
  return {
    storeKeyId: () => keyId,
    runs: (id) => runs.filter((r) => id === undefined || r.id === id),
    chain: (id) => chains.get(id) ?? [],
    tasks: (id) => tasks.get(id) ?? [],
    orphanEventRuns: (id) => orphans.filter((o) => id === undefined || o === id),
    workflows: (hashes) => workflows.filter((w) => hashes === undefined || hashes.includes(w.hash)),
    checkpoints: () => checkpoints,
    hashAt: (id, seq) => chains.get(id)?.find((row) => row.seq === seq)?.hash,
    ...(adminLog === undefined ? {} : { adminLog: () => adminLog }),
  };
}

/**
 * The PostgreSQL store's audit: `runAudit` over one REPEATABLE READ snapshot (a concurrent append is
 * never mistaken for tampering), and signed checkpoints in `audit_checkpoints`, each covering the runs whose
 * head moved since the checkpoint before (`audit_heads`) and linked to its MAC. The snapshot is read into
 * memory: events of every run checked are held at once.
 */
export function createPostgresAudit(pool: pg.Pool, label: string, key: AuditKey | undefined) {
  return {
    async verify(runId?: string): Promise<StoreAuditReport> {
      const source = await inTransaction(pool, label, (client) => readAuditSource(client, runId), 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return runAudit(source, key, runId);
    },
    async writeCheckpoint(now: Date): Promise<AuditCheckpoint> {
      if (key === undefined) throw new StoreError('audit_key_missing', 'checkpoints are signed with the audit key; open the store with auditKey');
      return inTransaction(pool, label, async (client) => {
        // One checkpoint writer at a time: seq stays contiguous and appends go on meanwhile.
        await client.query('LOCK TABLE audit_checkpoints IN EXCLUSIVE MODE');
        const newest = (await client.query<{ seq: number; mac: string }>('SELECT seq, mac FROM audit_checkpoints ORDER BY seq DESC LIMIT 1')).rows[0];
        // The runs whose head moved since the newest checkpoint that covered them (or that none covered yet).
        const changed = (await client.query<{ id: string; version: number; last_hash: string }>(`SELECT r.id, r.version, r.last_hash FROM runs r
          LEFT JOIN audit_heads h ON h.run_id = r.id WHERE h.run_id IS NULL OR h.version <> r.version OR h.last_hash <> r.last_hash
          UNION ALL SELECT $1 || a.tenant_key, a.seq, a.last_hash FROM admin_audit_heads a
          LEFT JOIN audit_heads h ON h.run_id = $1 || a.tenant_key WHERE h.run_id IS NULL OR h.version <> a.seq OR h.last_hash <> a.last_hash`, [ADMIN_CHAIN_PREFIX])).rows;
        const record = signNextCheckpoint(key, newest, now.toISOString(), changed.map((r): CheckpointHead => [r.id, Number(r.version), r.last_hash]));
        await client.query('INSERT INTO audit_checkpoints (seq, at, run_count, heads_digest, heads, key_id, mac, prev_mac) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
          [record.seq, record.at, record.runCount, record.headsDigest, JSON.stringify(record.heads), record.keyId, record.mac, record.prevMac]);
        await client.query(`INSERT INTO audit_heads (run_id, version, last_hash, checkpoint_seq)
          SELECT h.run_id, h.version, h.last_hash, $4::integer FROM unnest($1::text[], $2::integer[], $3::text[]) AS h (run_id, version, last_hash)
          ON CONFLICT (run_id) DO UPDATE SET version = excluded.version, last_hash = excluded.last_hash, checkpoint_seq = excluded.checkpoint_seq`,
        [record.heads.map((h) => h[0]), record.heads.map((h) => h[1]), record.heads.map((h) => h[2]), record.seq]);
        return publicCheckpoint(record);
      });
    },
  };
}
