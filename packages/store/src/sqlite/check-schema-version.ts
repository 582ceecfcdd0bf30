import type Database from 'better-sqlite3';
import { StoreError } from '../store-error.js';

/**
 * Compares the migrations a file has applied with the ones this code knows: a file with migrations
 * the code does not know is StoreError('store_too_new') in every mode; a read-only open of a file
 * missing some (or all) known migrations is StoreError('store_too_old'), since reading must not migrate.
 * Returns the known migrations the file has not applied yet (a writable open runs them).
 */
export function checkSchemaVersion(db: Database.Database, file: string, known: readonly string[], readonly: boolean): string[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get() !== undefined;
  const applied = hasTable ? db.prepare<[], string>('SELECT name FROM kysely_migration ORDER BY name').pluck().all() : [];
  const unknown = applied.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new StoreError('store_too_new', `${file} was written by a newer sopflow (schema ${unknown.join(', ')} is unknown here); upgrade sopflow to open it`);
  }
  const missing = known.filter((name) => !applied.includes(name));
  if (!readonly) return missing;
  if (applied.length === 0) {
    throw new StoreError('store_too_old', `${file} holds no sopflow schema yet; run a writing command (e.g. sopflow run) on it first`);
  }
  if (missing.length > 0) {
    throw new StoreError('store_too_old', `${file} was written by an older sopflow (schema ${missing.join(', ')} not applied yet); run a writing command (e.g. sopflow run) once to upgrade it`);
  }
  return missing;
}
