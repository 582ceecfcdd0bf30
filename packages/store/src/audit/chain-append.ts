import { DEFAULT_QUEUE, type AppendRequest } from '@sopflow/engine';
import { StoreError } from '../store-error.js';
import type { AuditKey } from './audit-key.js';
import { GENESIS_HASH, eventHasher, type ChainScheme } from './hash-event.js';
import { headMac } from './head-mac.js';

/** The run row's columns an append reads before it writes (absent for a new run). */
export interface StoredRunHead { version: number; last_hash: string; status: string; ended_at: string | null; runnable: number; queue: string; workflow_hash: string; chain_scheme: string }

/** Events per INSERT statement (7 values each); a decision usually writes 1–4. */
const EVENTS_PER_STATEMENT = 32;

/** What one append writes, computed from the run's stored head. */
export interface ChainedAppend {
  scheme: ChainScheme;
  /** The run's version (last seq) and last hash after the append. */
  version: number;
  lastHash: string;
  /** Event rows, 7 values each (run_id, seq, type, data, at, prev_hash, hash), up to 32 rows a batch. */
  eventBatches: (string | number)[][];
  runnable: 0 | 1;
  /** The queue of the run's pending work ('default' when the request names none). */
  queue: string;
  endedAt: string | null;
  /** True when status, ended_at, runnable and queue are as stored: only version, last_hash and head_mac move. */
  headOnly: boolean;
  /** The head MAC over the columns as stored; null without an audit key. */
  headMac: string | null;
}

/**
 * Pure; chains the request's events onto the stored head (a new run gets an HMAC chain when there
 * is an audit key, else SHA-256) and computes the run row both SQL dialects store. Throws
 * `audit_key_missing` for a keyed chain without its key. The version and fence checks come first, in the caller.
 */
export function chainAppend(current: StoredRunHead | undefined, request: AppendRequest, auditKey: AuditKey | undefined): ChainedAppend {
  const scheme: ChainScheme = current === undefined ? (auditKey === undefined ? 'sha256' : 'hmac-sha256') : current.chain_scheme as ChainScheme;
  const linkOf = eventHasher(scheme, auditKey?.secret);
  if (linkOf === undefined) throw new StoreError('audit_key_missing', `run ${request.runId} has a keyed chain; open the store with its audit key to append`);
  let prev = current?.last_hash ?? GENESIS_HASH;
  let seq = current === undefined ? 0 : Number(current.version);
  const values: (string | number)[] = [];
  for (const event of request.events) {
    seq += 1;
    const dataJson = JSON.stringify(event.data);
    const hash = linkOf(prev, request.runId, seq, event.type, event.at, dataJson);
    values.push(request.runId, seq, event.type, dataJson, event.at, prev, hash);
    prev = hash;
  }
  const eventBatches: (string | number)[][] = [];
  for (let offset = 0; offset < values.length; offset += 7 * EVENTS_PER_STATEMENT) eventBatches.push(values.slice(offset, offset + 7 * EVENTS_PER_STATEMENT));
  const run = request.run;
  const runnable = run.runnable ? 1 : 0;
  const endedAt = run.endedAt ?? null;
  const queue = run.queue ?? DEFAULT_QUEUE;
  const headOnly = current !== undefined && current.status === run.status && current.ended_at === endedAt && Number(current.runnable) === runnable && current.queue === queue;
  // The workflow hash never changes after the first append, so the stored one is what the MAC covers.
  const workflowHash = current?.workflow_hash ?? run.workflowHash;
  const mac = auditKey === undefined ? null
    : headMac(auditKey.secret, { runId: run.id, version: seq, lastHash: prev, status: run.status, workflowHash, scheme });
  return { scheme, version: seq, lastHash: prev, eventBatches, runnable, queue, endedAt, headOnly, headMac: mac };
}
