import type { ImportOptions } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { databaseTarget, type DatabaseChoice } from './database-target.js';

/** Writes the whole store (SQLite or PostgreSQL) as JSON lines, read in one snapshot; reads only. Returns rows per table. */
export async function exportDatabase(choice: DatabaseChoice, writeLine: (line: string) => void | Promise<void>): Promise<Record<string, number>> {
  const { exportStore } = await import('@sopflow/store');
  return serviceCall(async () => exportStore(await databaseTarget(choice), writeLine));
}

/**
 * Loads an export into a store (created and migrated if needed) in one transaction, keeping hashes,
 * head MACs and checkpoints so `audit verify` passes on the copy under the same audit key. A
 * non-empty store is refused (conflict) unless `replace`. Returns rows per table.
 */
export async function importDatabase(choice: DatabaseChoice, lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<Record<string, number>> {
  const { importStore } = await import('@sopflow/store');
  return serviceCall(async () => importStore(await databaseTarget(choice), lines, options));
}
