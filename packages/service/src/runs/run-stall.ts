import { leaseHealth, type LeaseHolder, type LeaseRow, type RunSummary } from '@sopflow/engine';

/** Why a run that has work is not moving, for `status` and `runs` (`--json` field `stalled`). */
export interface StallView {
  /** `dead-owner`: its worker on this host is gone; `expired`: its lease ran out; `unclaimed`: it has work and no worker holds it. */
  state: 'dead-owner' | 'expired' | 'unclaimed';
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
 * with no result, a due timer) and no lease is stalled as unclaimed.
 */
export function runHolding(run: RunSummary, lease: LeaseRow | undefined, hasDueTimer: boolean, now: Date, here?: LeaseHolder): RunHolding {
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
  const what = run.runnable ? 'it has steps to start or recover' : 'a timer of it is due';
  return {
    stalled: { state: 'unclaimed', reason: `${what} and no worker holds it — run \`sopflow worker --until-idle\` (or \`sopflow resume ${run.id}\`)`, holder: null },
    held_by: null,
  };
}
