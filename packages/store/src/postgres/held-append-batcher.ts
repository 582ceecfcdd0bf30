import type pg from 'pg';
import type { AppendOutcome, AppendRequest } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import { appendOneOnHead, runValues, settleHeldAppend, takeHeldAppend, type HeldAppend, type HeldHeads } from './append-on-held-head.js';

/**
 * Several runs' held-head appends as one autocommit statement (group commit): each run's row is locked only if it still is
 * the held head, then its lease row shared only if it still is the fence's grant — the one-run statement's checks, row by
 * row — and only the runs that passed both move their row and get their events (and, for a run's last append, lose the
 * lease row of `release_owner`). Run rows are locked in id order before any lease row (lease rows in id order too), so two
 * batches, or a batch and a one-run transaction, cannot deadlock. Returns the ids written.
 */
const APPEND_ON_HEADS = {
  name: 'sopflow_append_on_heads',
  text: `WITH input AS (SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::text[],
        $9::bigint[], $10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::integer[], $16::text[], $17::text[])
        AS i(id, version, last_hash, status, ended_at, runnable, queue, owner, epoch, next_version, next_hash, next_mac, next_status, next_ended_at,
          next_runnable, next_queue, release_owner)),
      head AS MATERIALIZED (SELECT r.id FROM runs r JOIN input i ON r.id = i.id AND r.version = i.version AND r.last_hash = i.last_hash
        AND r.status = i.status AND r.ended_at IS NOT DISTINCT FROM i.ended_at AND r.runnable = i.runnable AND r.queue = i.queue
        ORDER BY r.id FOR UPDATE OF r),
      fence AS MATERIALIZED (SELECT l.run_id FROM leases l JOIN input i ON l.run_id = i.id AND l.owner = i.owner AND l.epoch = i.epoch
        WHERE l.run_id IN (SELECT id FROM head) ORDER BY l.run_id FOR SHARE OF l),
      advanced AS (UPDATE runs r SET version = i.next_version, last_hash = i.next_hash, head_mac = i.next_mac, status = i.next_status,
        ended_at = i.next_ended_at, runnable = i.next_runnable, queue = i.next_queue
        FROM input i WHERE r.id = i.id AND r.id IN (SELECT run_id FROM fence) RETURNING r.id),
      released AS (DELETE FROM leases l USING input i WHERE l.run_id = i.id AND l.owner = i.release_owner AND l.run_id IN (SELECT id FROM advanced)),
      inserted AS (INSERT INTO events (run_id, seq, type, data, at, prev_hash, hash)
        SELECT e.run_id, e.seq, e.type, e.data, e.at, e.prev_hash, e.hash
        FROM unnest($18::text[], $19::integer[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[]) AS e(run_id, seq, type, data, at, prev_hash, hash)
        WHERE e.run_id IN (SELECT id FROM advanced))
    SELECT id FROM advanced`,
};

/** The batch statement's parameters: one array per column of the runs' checks and new rows (`runValues`), then one per event column. */
function batchValues(batch: readonly HeldAppend[]): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 24 }, () => []);
  for (const append of batch) {
    runValues(append).forEach((value, k) => columns[k].push(value));
    append.events.forEach((value, k) => columns[17 + (k % 7)].push(value));
  }
  return columns;
}

/** Sends the batch as one statement; the ids of the runs it wrote. */
async function appendManyOnHeads(pool: pg.Pool, batch: readonly HeldAppend[]): Promise<Set<string>> {
  const written = await pool.query<{ id: string }>({ ...APPEND_ON_HEADS, values: batchValues(batch) });
  return new Set(written.rows.map((row) => row.id));
}

/** The store's held-head appends, coalesced: those ready while a batch is in flight, or in the same event-loop turn, go as one statement. */
export interface HeldAppendBatcher {
  /**
   * The append as part of the next batch, or undefined — nothing written — when it is not a held-head append, its run's
   * head or fence was not as held, or (in a batch of several) the statement failed: the caller then runs the transaction,
   * which tells a conflict from a fence and reports its own error. A batch of one is the one-run statement, whose errors
   * reach the caller as before.
   */
  append(request: AppendRequest): Promise<AppendOutcome | undefined>;
}

interface Waiting { append: HeldAppend; settle: (outcome: AppendOutcome | undefined) => void; fail: (error: unknown) => void }

/** One batch in flight at a time; the next gathers what became ready meanwhile (no timer: a lone append waits one `setImmediate`). */
export function createHeldAppendBatcher(pool: pg.Pool, auditKey: AuditKey | undefined, heads: HeldHeads): HeldAppendBatcher {
  let waiting: Waiting[] = [];
  let busy = false;

  async function send(): Promise<void> {
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) { busy = false; return; }
    try {
      const written = batch.length === 1
        ? new Set(await appendOneOnHead(pool, batch[0].append) ? [batch[0].append.request.runId] : [])
        : await appendManyOnHeads(pool, batch.map((w) => w.append)).catch(() => new Set<string>());
      for (const { append, settle } of batch) settle(written.has(append.request.runId) ? settleHeldAppend(heads, append) : undefined);
    } catch (error) {
      // Every waiter hears of it (a promise already settled ignores the call), not only the first.
      for (const { fail } of batch) fail(error);
    } finally {
      void send();
    }
  }

  return {
    append(request) {
      const append = takeHeldAppend(request, auditKey, heads);
      if (append === undefined) return Promise.resolve(undefined);
      return new Promise((settle, fail) => {
        waiting.push({ append, settle, fail });
        if (busy) return;
        busy = true;
        setImmediate(() => void send());
      });
    },
  };
}
