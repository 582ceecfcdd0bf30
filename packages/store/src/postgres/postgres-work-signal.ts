import { createHash } from 'node:crypto';
import pg from 'pg';

/** The LISTEN side of the work signal: idle workers sleep on it instead of polling. */
export interface PostgresWorkSignal {
  /** The NOTIFY channel of this store's schema (appends and releases notify it inside their transaction). */
  channel: string;
  waitForWork(signal: AbortSignal | undefined, maxMs: number): Promise<void>;
  close(): Promise<void>;
}

// The next moment something may become claimable without a notification: a timer coming due, a lease running out.
const NEXT_WAKE = {
  name: 'sopflow_next_wake',
  text: `SELECT (SELECT min(due_at COLLATE "C") FROM timers WHERE due_at COLLATE "C" > $1) AS due,
    (SELECT min(expires_at) FROM leases WHERE expires_at > $2) AS expires`,
};

const MAX_RECONNECT_WAIT_MS = 5000;

/** The channel name for a schema: readable when short enough, else a digest (channel names are at most 63 bytes). */
export function workChannel(schema: string): string {
  const plain = `sopflow_work_${schema}`;
  return plain.length <= 63 ? plain : `sopflow_work_${createHash('sha256').update(schema).digest('hex').slice(0, 32)}`;
}

/**
 * One dedicated connection that LISTENs on the schema's channel (opened on the first wait,
 * reopened with backoff after the server goes away). Every notification (and every (re)connect or
 * lost connection) moves a generation; `waitForWork` returns at once if the generation moved since
 * the previous wait handed one on to its caller's claim — so a notification that comes while the
 * caller claims is kept, whoever else was waiting — else it sleeps until the generation moves, the
 * first timer due or lease expiry since the previous wait returned (read once per wait), `maxMs`, or
 * the abort, whichever is first. An aborted wait hands nothing on (its caller claims anyway; at worst one claim more).
 */
export function createPostgresWorkSignal(pool: pg.Pool, clientConfig: pg.ClientConfig, schema: string): PostgresWorkSignal {
  const channel = workChannel(schema);
  let listener: pg.Client | undefined;
  let connecting: Promise<pg.Client | undefined> | undefined;
  // Moved by every notification; `seen` is the generation the last completed wait handed on.
  let generation = 0;
  let seen = 0;
  // When the last wait that was not aborted returned: its caller's claim came after, so what fell due by then was seen;
  // a timer due or a lease run out since then — even before this wait's read — ends the next wait at once. An aborted
  // wait may return after its caller's next claim (it was still reading when its caller moved on), so it moves nothing.
  let returnedAt = Date.now();
  let failures = 0;
  const waiters = new Set<() => void>();

  function wakeAll(): void {
    generation += 1;
    for (const wake of [...waiters]) wake();
  }

  /** True (and handed on) when the generation moved since the last wait handed one on. */
  function take(): boolean {
    if (generation === seen) return false;
    seen = generation;
    return true;
  }

  async function listen(): Promise<pg.Client | undefined> {
    if (listener !== undefined) return listener;
    connecting ??= (async () => {
      const client = new pg.Client(clientConfig);
      let listened = false;
      // A dropped connection (server restart) must not crash the process: forget it and reconnect on the next wait.
      client.on('error', () => { if (listener === client) listener = undefined; });
      // Only a connection that listened can have missed a notification; one that never opened leaves its wait to back off.
      client.on('end', () => { if (listener === client) listener = undefined; if (listened) wakeAll(); });
      client.on('notification', () => wakeAll());
      try {
        await client.connect();
        await client.query(`LISTEN "${channel}"`);
        failures = 0;
        listener = client;
        listened = true;
        // Anything may have changed while no one listened.
        generation += 1;
        return client;
      } catch {
        failures += 1;
        await client.end().catch(() => undefined);
        return undefined;
      } finally {
        connecting = undefined;
      }
    })();
    return connecting;
  }

  /** Milliseconds until the first timer due, or lease expiring, after `since` (0 if that moment has passed), at most `maxMs`. */
  async function nextWake(maxMs: number, since: number): Promise<number> {
    const row = (await pool.query<{ due: string | null; expires: string | null }>({ ...NEXT_WAKE, values: [new Date(since).toISOString(), since] })).rows[0];
    const now = Date.now();
    const candidates = [maxMs];
    if (row?.due !== null && row?.due !== undefined) candidates.push(Date.parse(row.due) - now);
    if (row?.expires !== null && row?.expires !== undefined) candidates.push(Number(row.expires) - now);
    return Math.max(0, Math.min(...candidates));
  }

  async function waitOnce(signal: AbortSignal | undefined, maxMs: number): Promise<void> {
    const aborted = (): boolean => signal?.aborted === true;
    if (aborted()) return;
    const client = await listen();
    // Not listening (server unreachable): back off, then let the worker try a round.
    let waitMs = client === undefined ? Math.min(maxMs, 100 * 2 ** Math.min(failures, 6), MAX_RECONNECT_WAIT_MS) : undefined;
    // Aborted while the connection opened: its caller may have claimed already, so the (re)connect is the next wait's.
    if (aborted() || take()) return;
    if (waitMs === undefined) {
      try {
        waitMs = await nextWake(maxMs, returnedAt);
      } catch {
        waitMs = Math.min(maxMs, MAX_RECONNECT_WAIT_MS);
      }
    }
    // Aborted during the reads above: a waiter armed now would never see the abort.
    if (aborted() || take()) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
    if (!aborted()) take();
  }

  return {
    channel,
    async waitForWork(signal, maxMs) {
      try {
        await waitOnce(signal, maxMs);
      } finally {
        if (signal?.aborted !== true) returnedAt = Date.now();
      }
    },
    async close() {
      const client = listener;
      listener = undefined;
      for (const wake of [...waiters]) wake();
      await client?.end().catch(() => undefined);
    },
  };
}
