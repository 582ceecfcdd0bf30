import type { RunStore } from '@sopflow/engine';
import type { ProcessRecords } from '@sopflow/store';

/** One stored run event as the feed saw it: a process-local id (the tenant stream's event id), where it belongs, and the event. */
export interface Change {
  id: number;
  tenantId: string;
  runId: string;
  sopId: string;
  seq: number;
  type: string;
  at: string;
  /** The run's status after this poll. */
  status: string;
  data: unknown;
}

export interface ChangeFeedOptions {
  /**
   * How often the one poller looks at the runs' heads while anyone listens, for events other
   * processes store (workers on a shared PostgreSQL); default 250 ms. This process's own engine
   * calls `wake` instead.
   */
  pollMs?: number;
  /** How many changes are kept for Last-Event-ID resumes; default 1000. */
  keep?: number;
}

/** What a change feed reports about itself (tests and /metrics). */
export interface ChangeFeedStats { subscribers: number; polls: number; lastId: number; oldestKeptId: number | null }

/**
 * The one poller of a server process: while anyone listens (any number of SSE connections) it asks
 * the store for the heads of runs in flight or just ended (one query) at once when woken (this
 * process's engine stored events) and every `pollMs` (other processes did), reads the new events of
 * the runs whose head moved, and hands each to every subscriber. Wakes and ticks that come while a
 * poll runs make one more poll after it, never a queue of them. It keeps the last `keep` changes so
 * a stream can resume after a Last-Event-ID.
 */
export interface ChangeFeed {
  /** Listens to every change until the returned function is called. */
  subscribe(listener: (change: Change) => void): () => void;
  /** Hears every change the feed sees without keeping the poller running (metrics: scrapes call `poll`). */
  tap(listener: (change: Change) => void): void;
  /** The kept changes after `id`, or undefined when some of them are no longer kept (or the id is not this process's). */
  since(id: number): Change[] | undefined;
  /** One poll now (scrapes use it); polls never overlap. The first poll only takes the heads as they are. */
  poll(): Promise<void>;
  /** A poll as soon as the running one (if any) ends, while anyone listens: call it when this process stored run events. */
  wake(): void;
  /** Resolves once the heads are taken (the first poll): every change after that reaches subscribers. */
  ready(): Promise<void>;
  stats(): ChangeFeedStats;
  close(): void;
}

/** The change feed over a store's run heads (see ChangeFeed). */
export function createChangeFeed(store: RunStore, options: ChangeFeedOptions = {}): ChangeFeed {
  const pollMs = options.pollMs ?? 250;
  const keep = options.keep ?? 1000;
  const records = (store as { processRecords?: ProcessRecords }).processRecords;
  const listeners = new Set<(change: Change) => void>();
  const taps: ((change: Change) => void)[] = [];
  const known = new Map<string, number>();
  const kept: Change[] = [];
  let baseline = false;
  let lastId = 0;
  let polls = 0;
  let lastPollAt = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let wakeQueued = false;

  async function pollOnce(): Promise<void> {
    if (records === undefined) return;
    polls += 1;
    const startedAt = Date.now();
    // Runs that ended since a little before the last poll still get their last events read.
    const heads = await records.runs.heads(new Date(lastPollAt - 5000).toISOString());
    lastPollAt = startedAt;
    const seen = new Set<string>();
    for (const head of heads) {
      seen.add(head.runId);
      const before = known.get(head.runId);
      if (before !== undefined && before >= head.version) continue;
      if (!baseline) {
        known.set(head.runId, head.version);
        continue;
      }
      // Events stored since the heads were read come too: the run is known up to the last one read, so the next poll does not repeat them.
      const events = await store.readEvents(head.runId, before ?? 0);
      known.set(head.runId, Math.max(head.version, events.at(-1)?.seq ?? 0));
      for (const event of events) {
        const change: Change = {
          id: ++lastId, tenantId: head.tenantId, runId: head.runId, sopId: head.sopId, seq: event.seq, type: event.type, at: event.at, status: head.status, data: event.data,
        };
        kept.push(change);
        if (kept.length > keep) kept.shift();
        for (const listener of listeners) listener(change);
        for (const listener of taps) listener(change);
      }
    }
    for (const runId of known.keys()) if (!seen.has(runId)) known.delete(runId);
    baseline = true;
  }

  const feed: ChangeFeed = {
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) {
        timer = setInterval(() => { feed.wake(); }, pollMs);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearInterval(timer);
          timer = undefined;
        }
      };
    },
    tap(listener) {
      taps.push(listener);
    },
    since(id) {
      if (id === lastId) return [];
      const oldest = kept[0]?.id;
      if (id > lastId || oldest === undefined || id < oldest - 1) return undefined;
      return kept.filter((c) => c.id > id);
    },
    poll() {
      running = running.then(pollOnce, pollOnce);
      return running;
    },
    wake() {
      if (listeners.size === 0 || wakeQueued) return;
      wakeQueued = true;
      void running.then(() => {
        wakeQueued = false;
        return feed.poll();
      }).catch(() => undefined);
    },
    ready() {
      return baseline ? Promise.resolve() : feed.poll();
    },
    stats: () => ({ subscribers: listeners.size, polls, lastId, oldestKeptId: kept[0]?.id ?? null }),
    close() {
      listeners.clear();
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  };
  return feed;
}
