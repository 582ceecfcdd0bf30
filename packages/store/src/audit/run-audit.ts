import { contentHash, type AuditBreak, type AuditReport, type TaskRow } from '@sopflow/engine';
import { isAdminChainId } from './admin-chain.js';
import type { AuditKey } from './audit-key.js';
import { eventHasher, type ChainScheme } from './hash-event.js';
import { headMac } from './head-mac.js';
import type { CheckpointRecord } from './sign-checkpoint.js';
import { adminCheckpointReads, verifyAdminChains, type AdminAuditReport, type AdminLogSnapshot } from './verify-admin-chains.js';
import { RUN_CHAIN_NOUNS, verifyChain, type ChainRow } from './verify-chain.js';
import { verifyCheckpoints } from './verify-checkpoints.js';
import { verifyProjection } from './verify-projection.js';

/** One run's row as the audit reads it. */
export interface AuditRunRow {
  id: string;
  version: number;
  lastHash: string;
  status: string;
  workflowHash: string;
  endedAt?: string;
  scheme: ChainScheme;
  headMac?: string;
}

/** What the audit reads from a store (memory or SQLite): synchronous, read-only. */
export interface AuditSource {
  /** The key id the store was keyed with, if any. */
  storeKeyId(): string | undefined;
  runs(runId?: string): AuditRunRow[];
  chain(runId: string): ChainRow[];
  tasks(runId: string): TaskRow[];
  /** Run ids that have events but no run row. */
  orphanEventRuns(runId?: string): string[];
  /** Stored workflow texts (only `hashes` when given). */
  workflows(hashes?: readonly string[]): { hash: string; text: string }[];
  /** The checkpoints to check, by seq: from the newest full one (written before chaining), else from the first. */
  checkpoints(): CheckpointRecord[];
  /** The stored hash of one event, if it exists. */
  hashAt(runId: string, seq: number): string | undefined;
  /** Every tenant's admin log rows and heads (a store that keeps one); read once, and only for a whole-store check. */
  adminLog?(): AdminLogSnapshot;
}

/** The audit's verdict: the runs' report and, for a whole-store check of a store that keeps one, every tenant's admin log. `ok` covers both. */
export type StoreAuditReport = AuditReport & { adminLog?: AdminAuditReport };

/**
 * Checks a store: each run's chain (HMAC or SHA-256 by its scheme), its head MAC, its projections
 * against a re-fold of the events, events without a run, stored workflow texts, and the chain of
 * signed checkpoints; for the whole store (no `runId`) also every tenant's admin log, whose rows
 * answer both its chains and the admin heads the checkpoints signed. `key` is the store's audit key
 * (undefined: MACs cannot be checked).
 */
export function runAudit(source: AuditSource, key: AuditKey | undefined, runId?: string): StoreAuditReport {
  const storeKeyId = source.storeKeyId();
  const withKey = key !== undefined && storeKeyId === key.id;
  const report: AuditReport = {
    ok: true, runsChecked: 0, eventsChecked: 0, breaks: [], keyed: withKey, unkeyedRuns: [], workflowsChecked: 0,
    ...(storeKeyId === undefined ? {} : { keyId: storeKeyId }),
  };
  const runs = source.runs(runId);
  for (const run of runs) report.breaks.push(...auditRun(source, run, withKey ? key : undefined, storeKeyId !== undefined, report));
  for (const orphan of source.orphanEventRuns(runId)) {
    report.breaks.push({ runId: orphan, seq: 1, problem: 'inserted', message: `events exist for run ${orphan}, which has no run record` });
  }
  const pinnedBy = new Map<string, string>();
  for (const run of runs) if (!pinnedBy.has(run.workflowHash)) pinnedBy.set(run.workflowHash, run.id);
  for (const workflow of source.workflows(runId === undefined ? undefined : [...pinnedBy.keys()])) {
    report.workflowsChecked += 1;
    const actual = contentHash(workflow.text);
    if (actual !== workflow.hash) {
      const run = pinnedBy.get(workflow.hash) ?? '';
      report.breaks.push({
        runId: run, seq: 0, problem: 'workflow', workflowHash: workflow.hash,
        message: `the stored workflow text ${workflow.hash.slice(0, 12)}…${run === '' ? '' : ` (run ${run} is pinned to it)`} was changed: it now hashes to ${actual.slice(0, 12)}…`,
      });
    }
  }
  // Checkpoints hold admin chain heads as they hold run heads (a rolled-back or cut admin log no longer matches).
  const adminLog = runId === undefined ? source.adminLog?.() : undefined;
  const admin = adminLog === undefined ? undefined : adminCheckpointReads(adminLog);
  const reads = {
    runs: (id?: string) => [...source.runs(id), ...(id === undefined ? admin?.heads ?? [] : [])],
    hashAt: (id: string, seq: number) => (isAdminChainId(id) ? admin?.hashAt(id, seq) : source.hashAt(id, seq)),
  };
  const checkpoints = verifyCheckpoints(reads, source.checkpoints(), withKey ? key : undefined, runId);
  if (checkpoints !== undefined) {
    report.checkpoint = checkpoints.summary;
    report.breaks.push(...checkpoints.breaks);
  }
  report.ok = report.breaks.length === 0;
  if (adminLog === undefined) return report;
  const adminReport = verifyAdminChains(adminLog.rows, adminLog.heads, withKey ? key : undefined);
  return { ...report, ok: report.ok && adminReport.ok, adminLog: adminReport };
}

function auditRun(source: AuditSource, run: AuditRunRow, key: AuditKey | undefined, storeKeyed: boolean, report: AuditReport): AuditBreak[] {
  const rows = source.chain(run.id);
  report.runsChecked += 1;
  report.eventsChecked += rows.length;
  if (run.scheme === 'sha256') report.unkeyedRuns.push(run.id);
  const breaks: AuditBreak[] = [];
  const hasher = eventHasher(run.scheme, key?.secret) ?? null;
  const chainBreak = verifyChain(run.id, rows, run.version, run.lastHash, { hasher, keyed: run.scheme === 'hmac-sha256', nouns: RUN_CHAIN_NOUNS });
  if (chainBreak !== undefined) breaks.push(chainBreak);
  if (key !== undefined && storeKeyed) {
    const head = { runId: run.id, version: run.version, lastHash: run.lastHash, status: run.status, workflowHash: run.workflowHash, scheme: run.scheme };
    if (run.headMac === undefined) {
      breaks.push({ runId: run.id, seq: 0, problem: 'head', message: `run ${run.id} has no head MAC although the store is keyed (its run record was written or replaced without the key)` });
    } else if (headMac(key.secret, head) !== run.headMac) {
      breaks.push({
        runId: run.id, seq: 0, problem: 'head',
        message: `run ${run.id}'s record (version ${run.version}, status '${run.status}', last hash, workflow) does not match its head MAC: it was edited after it was written`,
      });
    }
  }
  if (chainBreak === undefined) {
    const events = rows.map((row) => JSON.parse(row.dataJson) as unknown);
    const projection = verifyProjection(run.id, events, {
      status: run.status, version: run.version, workflowHash: run.workflowHash, tasks: source.tasks(run.id),
      ...(run.endedAt === undefined ? {} : { endedAt: run.endedAt }),
    });
    if (projection !== undefined) breaks.push(projection);
  }
  return breaks;
}
