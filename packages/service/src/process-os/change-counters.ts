import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';

/**
 * In-process counters of what changed through one store (one open workspace), moved as soon as the
 * write returns: on PostgreSQL the store's own versions move only when the NOTIFY comes back, so these
 * let this process see its own changes at once. Other processes' changes are the store's versions' job.
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

/**
 * The versions a cache tags what it keeps with: the store's change versions (bumped by every process in the
 * changing transaction) plus this process's counters — either moving changes the sum. undefined when the store
 * cannot tell now (a PostgreSQL store not listening, a store without versions): keep nothing then.
 */
export interface CacheVersions {
  credentials(): number | undefined;
  library(tenantId: string): number | undefined;
}

/** The cache versions of a store (see CacheVersions). */
export function cacheVersionsOf(store: RunStore): CacheVersions {
  const counters = changeCountersOf(store);
  const versions = store.changeVersions;
  const plus = (stored: number | undefined, local: number) => (stored === undefined ? undefined : stored + local);
  return {
    credentials: () => plus(versions?.credentials(), counters.credentials()),
    library: (tenantId) => plus(versions?.library(tenantId), counters.library(tenantId)),
  };
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
