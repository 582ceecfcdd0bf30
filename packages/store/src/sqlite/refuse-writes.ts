import type { RunStore } from '@sopflow/engine';
import { StoreError } from '../store-error.js';

/** Every RunStore method that changes the database. */
const WRITES = ['append', 'claimRuns', 'acquireLease', 'releaseLease', 'breakLease', 'recordWorker', 'removeWorker', 'putUser', 'removeUser', 'writeAuditCheckpoint'] as const;

/**
 * The store with every write replaced by one that rejects with StoreError('read_only') before
 * touching the file (the connection is read-only too, so a write missed here still fails).
 */
export function refuseWrites(store: RunStore, file: string): RunStore {
  const refused: Partial<Record<(typeof WRITES)[number], () => Promise<never>>> = {};
  for (const name of WRITES) {
    refused[name] = async () => { throw new StoreError('read_only', `${file} was opened read-only; ${name} needs a writing command`); };
  }
  return { ...store, ...refused } as RunStore;
}
