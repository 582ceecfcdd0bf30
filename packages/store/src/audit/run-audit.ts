import { contentHash, type AuditBreak, type AuditReport, type TaskRow } from '@sopflow/engine';
import type { AuditKey } from './audit-key.js';
import { eventHasher, type ChainScheme } from './hash-event.js';
import { headMac } from './head-mac.js';
import { checkpointMac, headsDigest, type CheckpointRecord } from './sign-checkpoint.js';
import { verifyChain, type ChainRow } from './verify-chain.js';
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
  latestCheckpoint(): CheckpointRecord | undefined;
  /** The stored hash of one event, if the event exists. */
  hashAt(runId: string, seq: number): string | undefined;
}

/**
 * Checks a store: each run's chain (HMAC or SHA-256 by its scheme), its head MAC, its projections
 * against a re-fold of the events, events without a run, stored workflow texts, and the latest
 * signed checkpoint. `key` is the store's audit key (undefined: MACs cannot be checked).
 */
export function runAudit(source: AuditSource, key: AuditKey | undefined, runId?: string): AuditReport {
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
  const checkpoint = source.latestCheckpoint();
  if (checkpoint !== undefined) {
    const breaks = verifyCheckpoint(source, checkpoint, withKey ? key : undefined, runId);
    report.checkpoint = { seq: checkpoint.seq, at: checkpoint.at, runCount: checkpoint.runCount, ok: breaks.length === 0 };
    report.breaks.push(...breaks);
  }
  report.ok = report.breaks.length === 0;
  return report;
}

function auditRun(source: AuditSource, run: AuditRunRow, key: AuditKey | undefined, storeKeyed: boolean, report: AuditReport): AuditBreak[] {
  const rows = source.chain(run.id);
  report.runsChecked += 1;
  report.eventsChecked += rows.length;
  if (run.scheme === 'sha256') report.unkeyedRuns.push(run.id);
  const breaks: AuditBreak[] = [];
  const hasher = eventHasher(run.scheme, key?.secret) ?? null;
  const chainBreak = verifyChain(run.id, rows, run.version, run.lastHash, hasher, run.scheme === 'hmac-sha256');
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

function verifyCheckpoint(source: AuditSource, checkpoint: CheckpointRecord, key: AuditKey | undefined, runId?: string): AuditBreak[] {
  const where = `checkpoint ${checkpoint.seq} (${checkpoint.at})`;
  const signed = { seq: checkpoint.seq, at: checkpoint.at, runCount: checkpoint.runCount, headsDigest: checkpoint.headsDigest };
  if (headsDigest(checkpoint.heads) !== checkpoint.headsDigest || checkpoint.heads.length !== checkpoint.runCount
    || (key !== undefined && checkpointMac(key.secret, signed) !== checkpoint.mac)) {
    return [{ runId: '', seq: 0, problem: 'checkpoint', message: `${where} is not what the audit key signed: its heads or MAC were edited` }];
  }
  const breaks: AuditBreak[] = [];
  const current = new Map(source.runs(runId).map((r) => [r.id, r]));
  for (const [id, version, lastHash] of checkpoint.heads) {
    if (runId !== undefined && id !== runId) continue;
    const run = current.get(id);
    if (run === undefined) {
      breaks.push({ runId: id, seq: 0, problem: 'deleted', message: `run ${id} was in ${where} with ${version} events but no longer exists` });
    } else if (run.version < version) {
      breaks.push({ runId: id, seq: run.version + 1, problem: 'truncated', message: `run ${id} had ${version} events at ${where} but now records ${run.version}` });
    } else if (source.hashAt(id, version) !== lastHash) {
      breaks.push({ runId: id, seq: version, problem: 'changed', message: `event ${version} of run ${id} is not the one ${where} signed` });
    }
  }
  return breaks;
}
