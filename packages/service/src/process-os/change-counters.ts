import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';

/**
 * In-process counters of what changed through one store (one open workspace): a server's caches
 * compare a counter with the one they saw and drop what it outgrew. Only changes made through this
 * store object count — other processes (and other workspaces on the same database) are not seen,
 * so every cache built on these also has a time limit.
 */
export interface ChangeCounters {
  /** Any SOP, version or run of `tenantId` changed (every tenant when undefined: an engine event names no tenant). */
  libraryChanged(tenantId?: string): void;
  /** Goes up with every library change of the tenant or of every tenant. */
  library(tenantId: string): number;
  /** A token was revoked, a session ended, or a user's roles changed or the user went. */
  credentialsChanged(): void;
  credentials(): number;
}

// Keyed by the store object, so the counters live and die with it (no registry to clean).
const COUNTERS = new WeakMap<RunStore, ChangeCounters>();

/** The change counters of a store, made on first use. */
export function changeCountersOf(store: RunStore): ChangeCounters {
  let counters = COUNTERS.get(store);
  if (counters === undefined) {
    counters = createChangeCounters();
    COUNTERS.set(store, counters);
  }
  return counters;
}

function createChangeCounters(): ChangeCounters {
  const byTenant = new Map<string, number>();
  let everyTenant = 0;
  let credentials = 0;
  return {
    libraryChanged(tenantId) {
      if (tenantId === undefined) everyTenant += 1;
      else byTenant.set(tenantId, (byTenant.get(tenantId) ?? 0) + 1);
    },
    library: (tenantId) => everyTenant + (byTenant.get(tenantId) ?? 0),
    credentialsChanged() {
      credentials += 1;
    },
    credentials: () => credentials,
  };
}

/** `serviceCall` of a write to a tenant's SOPs, versions or run links, counted as a library change even when it fails (it may have landed). */
export async function writeLibrary<T>(store: RunStore, tenantId: string, write: () => Promise<T>): Promise<T> {
  try {
    return await serviceCall(write);
  } finally {
    changeCountersOf(store).libraryChanged(tenantId);
  }
}

/** `serviceCall` of a write to tokens, sessions or users, counted as a credentials change even when it fails. */
export async function writeCredentials<T>(store: RunStore, write: () => Promise<T>): Promise<T> {
  try {
    return await serviceCall(write);
  } finally {
    changeCountersOf(store).credentialsChanged();
  }
}
