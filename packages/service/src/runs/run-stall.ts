import { DEFAULT_QUEUE, leaseHealth, type LeaseHolder, type LeaseRow, type RunSummary, type WorkerRow } from '@sopflow/engine';

/** Why a run that has work is not moving, for `status` and `runs` (`--json` field `stalled`). */
export interface StallView {
  /**
   * `dead-owner`: its worker on this host is gone; `expired`: its lease ran out; `unclaimed`: it has work and no worker holds it;
   * `no-worker-for-queue`: its next step is on a task queue that no live worker serves.
   */
  state: 'dead-owner' | 'expired' | 'unclaimed' | 'no-worker-for-queue';
  /** One sentence for people: who held it and what to run. */
  reason: string;
  holder: { owner: string; host: string; pid: number; expires_at: string } | null;
}

/** Whether a run is stalled, or held by a live worker; both null for finished runs and runs at rest. */
export interface RunHolding {
  stalled: StallView | null;
  /** A live worker holds the run: who, and until when its lease runs unless renewed. */
  held_by: string | null;
}

/**
 * Pure apart from the holder's liveness check (engine's `leaseHealth`): a running or waiting run
 * whose lease holder is gone or expired is stalled; one with work (a ready step, a step started
 * with no result, a due timer) and no lease is stalled as unclaimed — or, given the workers' heartbeat
 * rows, as waiting on a (non-default) task queue no live worker serves.
 */
export function runHolding(
  run: RunSummary, lease: LeaseRow | undefined, hasDueTimer: boolean, now: Date, here?: LeaseHolder, workers?: readonly WorkerRow[],
): RunHolding {
  if (run.status !== 'running' && run.status !== 'waiting') return { stalled: null, held_by: null };
  if (lease !== undefined) {
    const health = leaseHealth(lease, now, here);
    if (health.state === 'held') return { stalled: null, held_by: health.sentence };
    return {
      stalled: {
        state: health.state, reason: health.sentence,
        holder: { owner: lease.owner, host: lease.host, pid: lease.pid, expires_at: new Date(lease.expiresAt).toISOString() },
      },
      held_by: null,
    };
  }
  if (!run.runnable && !hasDueTimer) return { stalled: null, held_by: null };
  const queue = run.queue ?? DEFAULT_QUEUE;
  const served = workers?.some((w) => w.expiresAt > now.getTime() && w.queues.includes(queue));
  // The default queue keeps the plain advice (`worker --until-idle` is how one machine runs work now and then).
  if (run.runnable && queue !== DEFAULT_QUEUE && workers !== undefined && served !== true) {
    const reason = `its next step is on task queue '${queue}', which no live worker serves — start one with \`sopflow worker --queue ${queue}\``;
    return { stalled: { state: 'no-worker-for-queue', reason, holder: null }, held_by: null };
  }
  const what = run.runnable ? 'it has steps to start or recover' : 'a timer of it is due';
  return {
    stalled: { state: 'unclaimed', reason: `${what} and no worker holds it — run \`sopflow worker --until-idle\` (or \`sopflow resume ${run.id}\`)`, holder: null },
    held_by: null,
  };
}
