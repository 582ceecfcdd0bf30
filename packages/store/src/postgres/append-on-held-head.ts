import type pg from 'pg';
import type { AppendOutcome, AppendRequest } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { chainAppend, type ChainedAppend, type StoredRunHead } from '../audit/chain-append.js';

/** How many runs' heads a store remembers; a worker holds far fewer at once, and a forgotten head only costs the transaction. */
const HELD_HEADS = 4096;

/** The run heads this store's own appends under a lease left: a guess the next append's statement checks, never trusted. */
export interface HeldHeads {
  get(runId: string): StoredRunHead | undefined;
  /** After a committed append: keeps the head for the next one under the same lease, or forgets it (ended, released, not leased). */
  settle(request: AppendRequest, outcome: AppendOutcome, head: StoredRunHead | undefined): void;
  /** Keeps the head a claim read as it took the run's lease. */
  hold(runId: string, head: StoredRunHead): void;
  forget(runId: string): void;
}

/** Remembers up to `capacity` heads, dropping the least recently written first. */
export function createHeldHeads(capacity = HELD_HEADS): HeldHeads {
  const heads = new Map<string, StoredRunHead>();
  const hold = (runId: string, head: StoredRunHead): void => {
    heads.delete(runId);
    heads.set(runId, head);
    if (heads.size > capacity) heads.delete(heads.keys().next().value!);
  };
  return {
    get: (runId) => heads.get(runId),
    settle(request, outcome, head) {
      heads.delete(request.runId);
      const underLease = request.fence !== undefined || request.lease !== undefined;
      if (!outcome.ok || head === undefined || !underLease || request.releaseLease !== undefined || head.ended_at !== null) return;
      hold(request.runId, head);
    },
    hold,
    forget: (runId) => { heads.delete(runId); },
  };
}

/** Pure; the run row's head after `chained` was appended onto `current` (absent for a new run). */
export function headAfter(current: StoredRunHead | undefined, request: AppendRequest, chained: ChainedAppend): StoredRunHead {
  return {
    version: chained.version, last_hash: chained.lastHash, status: request.run.status, ended_at: chained.endedAt, runnable: chained.runnable,
    queue: chained.queue, workflow_hash: current?.workflow_hash ?? request.run.workflowHash, chain_scheme: chained.scheme,
  };
}

/**
 * A decision's append as one autocommit statement: the run row is locked only if it still is `held` (version, last hash,
 * status, ended_at, runnable, queue), then the lease row shared only if it still is the fence's grant (so a grant to
 * another owner waits for this statement, as in the transaction); then the run row moves (head, and status, ended_at,
 * runnable and queue as the transaction's upsert sets them), the events go in and, for a run's last append, the lease row
 * is deleted if it is `release_owner`'s. Either check failing writes nothing.
 */
function appendOnHead(count: number): { name: string; text: string } {
  const rows = Array.from({ length: count }, (_, i) => {
    const p = (k: number) => `$${18 + i * 7 + k}`;
    return `(${p(0)}, ${p(1)}::integer, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)})`;
  });
  return {
    name: `sopflow_append_on_head_${count}`,
    text: `WITH head AS (SELECT id FROM runs WHERE id = $1 AND version = $2 AND last_hash = $3 AND status = $4 AND ended_at IS NOT DISTINCT FROM $5
        AND runnable = $6 AND queue = $7 FOR UPDATE),
      fence AS (SELECT run_id FROM leases WHERE run_id = (SELECT id FROM head) AND owner = $8 AND epoch = $9 FOR SHARE),
      advanced AS (UPDATE runs SET version = $10, last_hash = $11, head_mac = $12, status = $13, ended_at = $14, runnable = $15, queue = $16
        WHERE id = (SELECT run_id FROM fence) RETURNING id),
      released AS (DELETE FROM leases WHERE run_id = (SELECT id FROM advanced) AND owner = $17)
    INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash) SELECT v.* FROM (VALUES ${rows.join(', ')}) AS v WHERE EXISTS (SELECT 1 FROM advanced)`,
  };
}

/** A step's append that can go as one statement against the head `heads` held for its run: what the statement checks and writes. */
export interface HeldAppend {
  request: AppendRequest;
  held: StoredRunHead;
  chained: ChainedAppend;
  /** The event rows, 7 values each, all in one INSERT. */
  events: (string | number)[];
  /** The fence the lease row must still match. */
  fence: { owner: string; epoch: number };
}

/**
 * The append of a decision made under a fence that changes only the run row and its events (and, for its last append,
 * drops this owner's lease): no workflow, lease grant, wake, timer or task. Chained onto the head `heads` holds for the
 * run, which it forgets (the statement's outcome settles it again). Undefined when it does not apply: the caller then runs the transaction.
 */
export function takeHeldAppend(request: AppendRequest, auditKey: AuditKey | undefined, heads: HeldHeads): HeldAppend | undefined {
  const held = heads.get(request.runId);
  const plain = request.workflow === undefined && request.lease === undefined && request.wake === undefined
    && (request.timersAdded?.length ?? 0) === 0 && (request.timersRemoved?.length ?? 0) === 0 && (request.tasksUpserted?.length ?? 0) === 0;
  if (held === undefined || request.fence === undefined || !plain || Number(held.version) !== request.expectedVersion) return undefined;
  if (request.releaseLease !== undefined && request.releaseLease !== request.fence.owner) return undefined;
  const chained = chainAppend(held, request, auditKey);
  const [events, ...more] = chained.eventBatches;
  if (events === undefined || more.length > 0) return undefined;
  heads.forget(request.runId);
  return { request, held, chained, events, fence: request.fence };
}

/**
 * The append statements' parameters for a run, in their order: what they check (its held head, then the fence's grant),
 * then what they write on its row (head, status, ended_at, runnable, queue) and the owner whose lease they drop (or null).
 */
export function runValues({ request, held, fence, chained }: HeldAppend): unknown[] {
  return [
    request.runId, held.version, held.last_hash, held.status, held.ended_at, held.runnable, held.queue, fence.owner, fence.epoch,
    chained.version, chained.lastHash, chained.headMac, request.run.status, chained.endedAt, chained.runnable, chained.queue, request.releaseLease ?? null,
  ];
}

/** Sends `append` as the one-run statement; true when it wrote (head and fence as expected), false when it wrote nothing. */
export async function appendOneOnHead(pool: pg.Pool, append: HeldAppend): Promise<boolean> {
  const { events } = append;
  const written = await pool.query({ ...appendOnHead(events.length / 7), values: [...runValues(append), ...events] });
  return written.rowCount === events.length / 7;
}

/** After a statement wrote `append`: its outcome, with the head it left held for the run's next append. */
export function settleHeldAppend(heads: HeldHeads, append: HeldAppend): AppendOutcome {
  const outcome: AppendOutcome = { ok: true, version: append.chained.version };
  heads.settle(append.request, outcome, headAfter(append.held, append.request, append.chained));
  return outcome;
}
