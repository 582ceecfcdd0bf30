import { hostname } from 'node:os';
import type { LeaseHolder, LeaseRow } from '../ports/run-store.js';
import { isProcessAlive, ownStartTime } from './process-liveness.js';

/** Default lease length: a dead worker on another host is taken over after this; renewed every third of it. */
export const DEFAULT_LEASE_TTL_MS = 10_000;

/** The holder this process writes on its leases. */
export function currentLeaseHolder(owner: string): LeaseHolder {
  return { owner, host: hostname(), pid: process.pid, processStartedAt: ownStartTime() };
}

/**
 * Whether a lease's holder process still runs: `undefined` when it lives on another host (or was
 * written before holders were recorded) and only its lease expiry can tell.
 */
export function isHolderAlive(holder: LeaseHolder, here: LeaseHolder = currentLeaseHolder('')): boolean | undefined {
  if (holder.host === '' || holder.pid <= 0 || holder.host !== here.host) return undefined;
  if (holder.pid === here.pid) return Math.abs(holder.processStartedAt - here.processStartedAt) <= 1500;
  return isProcessAlive(holder.pid, holder.processStartedAt);
}

export type LeaseHealthState = 'held' | 'dead-owner' | 'expired';

export interface LeaseHealth {
  state: LeaseHealthState;
  /** One sentence for people: who holds it and what happens next. */
  sentence: string;
}

/** "worker pid 1234 on host build-1" (or the owner name for leases written before holders were recorded). */
export function describeHolder(holder: LeaseHolder): string {
  return holder.host === '' ? `worker ${holder.owner}` : `worker pid ${holder.pid} on host ${holder.host}`;
}

/**
 * Classifies a lease: `dead-owner` when its holder is on this host and gone (taken over at once),
 * `expired` when its time is up (any worker may take it), else `held`. Pure apart from the liveness check.
 */
export function leaseHealth(lease: LeaseRow, now: Date, here: LeaseHolder = currentLeaseHolder('')): LeaseHealth {
  const who = describeHolder(lease);
  const alive = isHolderAlive(lease, here);
  if (alive === false) {
    return { state: 'dead-owner', sentence: `held by ${who}, which is gone — run \`sopflow worker --until-idle\` (or \`sopflow resume ${lease.runId}\`) to take it over now` };
  }
  if (lease.expiresAt <= now.getTime()) {
    return { state: 'expired', sentence: `the lease of ${who} expired at ${new Date(lease.expiresAt).toISOString()}; any worker takes it over` };
  }
  const until = new Date(lease.expiresAt).toISOString();
  if (alive === true) return { state: 'held', sentence: `held by ${who}, which is alive and working on it (lease renewed until ${until})` };
  return { state: 'held', sentence: `held by ${who} until ${until}; if that worker is gone, another host takes the run over once the lease expires` };
}
