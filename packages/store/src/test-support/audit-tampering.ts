import type { AuditReport } from '@sopflow/engine';
import type { LocationOptions, RawDatabase, StoreLocation } from './store-locations.js';

/** Opens the store at `location` with `options`, verifies its audit and closes it. */
export async function verifyLocation(location: StoreLocation, options: LocationOptions): Promise<AuditReport> {
  const store = await location.open(options);
  try {
    return await store.verifyAuditChain();
  } finally {
    await store.close();
  }
}

/** Deletes run `runId`'s events after `keep` and rewrites its head to match (no head MAC: the editor has no key), as a short script would. */
export async function cutTail(raw: RawDatabase, runId: string, keep: number): Promise<void> {
  await raw.run('DELETE FROM events WHERE run_id = ? AND seq > ?', runId, keep);
  const [{ hash }] = await raw.all<{ hash: string }>('SELECT hash FROM events WHERE run_id = ? AND seq = ?', runId, keep);
  await raw.run("UPDATE runs SET version = ?, last_hash = ?, status = 'running', ended_at = NULL WHERE id = ?", keep, hash, runId);
}
