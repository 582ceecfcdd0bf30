import type { LeaseRow, RunStore } from '../ports/run-store.js';
import type { Clock } from '../ports/clock.js';
import { createSystemClock } from '../ports/clock.js';
import type { Engine } from './engine.js';
import { DEFAULT_LEASE_TTL_MS, leaseHealth } from './lease-holder.js';
import { reclaimDeadLeases } from './reclaim-dead-leases.js';
import { EngineError } from './engine-error.js';
import { runHasEnded } from '../state/run-state.js';

export interface WorkerOptions {
  engine: Engine;
  store: RunStore;
  clock?: Clock;
  /** Runs handled at once. Default 8. */
  concurrency?: number;
  /** Default 10 s (DEFAULT_LEASE_TTL_MS). */
  leaseTtlMs?: number;
  /** Wait between polls when nothing is runnable and the store cannot signal work (`waitForWork`). Default 250 ms. */
  pollMs?: number;
  /** With a store that signals work: the longest an idle worker sleeps without a signal (a bound on what a missed notification costs). Default 10 s. */
  idleWakeMs?: number;
  /** Called when a round fails on the store (a lost connection): the worker retries after `retryInMs` (backoff up to 5 s). */
  onStoreError?: (error: unknown, retryInMs: number) => void;
  /**
   * Return once nothing is runnable (and no timer is due) — and no runnable run is held by another live worker —
   * confirmed by a claim made after the last look at the leases. Runs it could not take over are in `gaveUp`.
   */
  untilIdle?: boolean;
  /**
   * With `untilIdle`: how long to wait for runnable runs held by other workers (their lease may
   * expire, their holder may finish) before returning them in `heldElsewhere`. Default 3 × the lease TTL.
   */
  maxWaitMs?: number;
  /** Stop polling when aborted. */
  signal?: AbortSignal;
  /** Real waiting between polls; tests pass a function that returns at once. */
  sleep?: (ms: number) => Promise<void>;
}

export interface WorkerReport {
  runsHandled: number;
  /** Runs that could not be taken over (e.g. their pinned workflow is missing), with the reason. */
  errors: { runId: string; message: string }[];
  /** Runs taken back at once from dead workers on this host. */
  takenOver: { runId: string; holder: LeaseRow }[];
  /** With `untilIdle`: runnable runs still held by another live worker when the wait ran out. Non-empty = work is not done. */
  heldElsewhere: { runId: string; holder: LeaseRow; sentence: string }[];
  /** Runs this worker lost while holding them (another worker was granted the lease, or it could not be renewed): it stopped acting on them. */
  lost: { runId: string; message: string }[];
  /** Rounds that failed on the store and were retried after a backoff. */
  storeErrors: number;
  /** Runs this worker stopped trying to take over (refused for good, or failing again and again), with the last reason. Non-empty = work is not done. */
  gaveUp: { runId: string; message: string }[];
}

const MAX_TRANSIENT_FAILURES = 3;
const MAX_BACKOFF_MS = 5000;
// An idle worker on a store that signals work still claims once this often: a notification it missed (seen once in CI,
// cause not found) costs at most this long, for one claim and one timer read per worker per period.
const IDLE_WAKE_MS = 10_000;
/** While runs are in flight, dead holders on this host are looked for at most this often (idle: every round). */
const BUSY_RECLAIM_EVERY_MS = 1000;
/** The reason a busy round ends its wait with: an abort without one builds a DOMException (a stack trace) every round. */
const WAIT_OVER = 'the busy round\'s wait is over';

/**
 * Claims runnable runs on the engine's queues and runs with due timers (leases in the store, so
 * several workers on one database never handle a run at once), takes each over — which recovers
 * steps a crash left without a result — and repeats until stopped, or until idle with `untilIdle`.
 * It keeps up to `concurrency` runs in hand: a slot freed by a finished run is claimed again at once.
 * Dead workers' runs on this host are taken back at once (their steps' process groups killed), and
 * a heartbeat row says which queues this worker serves (`listWorkers`).
 */
export async function runWorker(options: WorkerOptions): Promise<WorkerReport> {
  const clock = options.clock ?? createSystemClock();
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ttl = options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS;
  const pollMs = options.pollMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 3 * ttl;
  const concurrency = options.concurrency ?? 8;
  const { engine, store } = options;
  const report: WorkerReport = { runsHandled: 0, errors: [], takenOver: [], heldElsewhere: [], lost: [], storeErrors: 0, gaveUp: [] };
  const broken = new Set<string>();
  const failures = new Map<string, number>();
  const lastError = new Map<string, string>();
  const active = new Map<string, Promise<void>>();
  // The store's wake-up signal replaces polling, except where a test drives time itself or until-idle counts its waits.
  const waitForWork = options.sleep === undefined && options.untilIdle !== true ? store.waitForWork?.bind(store) : undefined;
  let waited = 0;
  let backoff = 0;
  let reclaimedAt = -Infinity;
  const stopped = (): boolean => options.signal?.aborted === true;
  const beat = (): Promise<void> => store.recordWorker({
    owner: engine.owner, host: engine.holder.host, pid: engine.holder.pid, queues: [...engine.queues], expiresAt: clock.now().getTime() + 3 * ttl,
  }).catch(() => undefined);
  await beat();
  const heartbeat = setInterval(() => void beat(), ttl);
  heartbeat.unref();
  try {
    while (!stopped()) {
      // Yield to timers and I/O between rounds: the store's calls may all resolve as microtasks.
      await new Promise((resolve) => setImmediate(resolve));
      try {
        if (await runRound()) break;
        backoff = 0;
      } catch (error) {
        // A lost connection: the engine gives up its runs by itself once their leases go unrenewed; here, retry with backoff.
        if (options.untilIdle === true || stopped()) throw error;
        backoff = Math.min(MAX_BACKOFF_MS, backoff === 0 ? 100 : backoff * 2);
        report.storeErrors += 1;
        options.onStoreError?.(error, backoff);
        await sleep(backoff);
      }
    }
    await Promise.all(active.values());
  } finally {
    clearInterval(heartbeat);
    await store.removeWorker(engine.owner).catch(() => undefined);
  }
  return report;

  /** One round: fill free slots with claimed runs, else wait for a slot or for work; true when the worker is done (until idle). */
  async function runRound(): Promise<boolean> {
    if (active.size === 0 || performance.now() - reclaimedAt >= BUSY_RECLAIM_EVERY_MS) {
      reclaimedAt = performance.now();
      const reclaimed = await reclaimDeadLeases(store, engine.holder, clock.now());
      for (const lease of reclaimed.reclaimed) report.takenOver.push({ runId: lease.runId, holder: lease });
    }
    const free = concurrency - active.size;
    if (free > 0 && await claim(free)) return false;
    if (active.size > 0) {
      // Busy: claim again when a run finishes, or (with a slot free) when new work may have come.
      const wake = new AbortController();
      const relay = (): void => wake.abort();
      options.signal?.addEventListener('abort', relay, { once: true });
      const waits: Promise<unknown>[] = [...active.values()];
      if (free > 0) waits.push(waitForWork !== undefined ? waitForWork(wake.signal, options.idleWakeMs ?? IDLE_WAKE_MS) : sleep(pollMs));
      await Promise.race(waits);
      wake.abort(WAIT_OVER);
      options.signal?.removeEventListener('abort', relay);
      return false;
    }
    if (options.untilIdle === true) {
      const held = await heldByOthers(options, clock.now());
      if (held.length === 0 || waited >= maxWaitMs) {
        // A holder may have let a run go between the claim above and this look at the leases: idle only if a claim made after the look finds nothing.
        if (await claim(concurrency)) return false;
        report.heldElsewhere = held;
        report.gaveUp = await unfinished([...broken]);
        return true;
      }
      waited += pollMs;
    }
    if (waitForWork !== undefined) await waitForWork(options.signal, options.idleWakeMs ?? IDLE_WAKE_MS);
    else await sleep(pollMs);
    return false;
  }

  /** Claims up to `limit` runs and starts handling them; true when it claimed any. */
  async function claim(limit: number): Promise<boolean> {
    // The store grants this owner's own leases again, so a run a request is starting (or completing a task of) in this
    // process is skipped: taking it over would resume it mid-step and ask "did this happen?" of a step still running.
    let released = engine.releases();
    const claimed = await store.claimRuns(engine.holder, clock.now(), ttl, limit, { queues: engine.queues, skip: [...active.keys(), ...broken, ...engine.heldRuns()] });
    let taken = claimed;
    // A request that held one of these runs and let it go while the claim was on its way dropped the lease the claim
    // re-granted: take over only runs still leased here (the dropped ones are claimable again).
    while (engine.releases() !== released && taken.length > 0) {
      released = engine.releases();
      const leased = new Set((await store.listLeases(taken)).filter((lease) => lease.owner === engine.owner).map((lease) => lease.runId));
      taken = taken.filter((runId) => leased.has(runId));
    }
    // A run this engine holds now (a request driving it) stays with that request, which lets its lease go.
    const held = new Set(engine.heldRuns());
    for (const runId of taken) if (!held.has(runId)) active.set(runId, handle(runId));
    if (claimed.length > 0) waited = 0;
    return claimed.length > 0;
  }

  /** Of the runs this worker gave up on, those still not finished or with work left (an ended run's children to cancel), with the last reason. */
  async function unfinished(runIds: readonly string[]): Promise<WorkerReport['gaveUp']> {
    const left: WorkerReport['gaveUp'] = [];
    for (const runId of runIds) {
      const run = await store.getRun(runId);
      if (run !== undefined && (!runHasEnded(run) || run.runnable)) left.push({ runId, message: lastError.get(runId) ?? '' });
    }
    return left;
  }

  /** Takes one claimed run over; its slot is free again when it settles. */
  async function handle(runId: string): Promise<void> {
    try {
      await engine.takeOver(runId);
      report.runsHandled += 1;
      failures.delete(runId);
    } catch (error) {
      if (error instanceof EngineError && error.code === 'run_lost') {
        report.lost.push({ runId, message: error.message });
        return;
      }
      // A refusal (a missing pinned workflow) is for good; a store failure, a run that kept changing (`conflict`) or children not yet cancelled are retried a few times.
      const count = (failures.get(runId) ?? 0) + 1;
      failures.set(runId, count);
      const retryable = !(error instanceof EngineError) || error.code === 'conflict' || error.code === 'children_not_cancelled';
      if (!retryable || count >= MAX_TRANSIENT_FAILURES) broken.add(runId);
      lastError.set(runId, (error as Error).message);
      report.errors.push({ runId, message: (error as Error).message });
    } finally {
      active.delete(runId);
    }
  }
}

/** Runs that have work (runnable, or a due timer) but whose lease another worker holds. */
async function heldByOthers(options: WorkerOptions, now: Date): Promise<WorkerReport['heldElsewhere']> {
  const held: WorkerReport['heldElsewhere'] = [];
  for (const lease of await options.store.listLeases()) {
    if (lease.owner === options.engine.owner) continue;
    const run = await options.store.getRun(lease.runId);
    if (run === undefined || runHasEnded(run)) continue;
    if (!run.runnable && (await options.store.dueTimers(run.id, now)).length === 0) continue;
    held.push({ runId: lease.runId, holder: lease, sentence: leaseHealth(lease, now, options.engine.holder).sentence });
  }
  return held;
}
