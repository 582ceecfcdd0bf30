import { sql, type Transaction } from 'kysely';
import { changeVersionChannel, isChangeVersionKey } from '../schema/change-versions.js';
import type { StoreDatabase } from '../schema/database.js';
import { StoreError } from '../store-error.js';
import type { ExportHeader, ExportRow } from './export-store.js';
import { migrateStore } from './migrate-store.js';
import { countRows, exportedTables } from './store-tables.js';
import { openMaintenanceDatabase, type StoreTarget } from './store-target.js';

export interface ImportOptions {
  /** Empty the target first (every exported table and its leases); without it a non-empty target is refused. */
  replace?: boolean;
}

const BATCH = 200;

/**
 * Loads an export (`exportStore`'s JSON lines) into a store, in one transaction: the target is
 * created and migrated if needed and must then be at the export's schema version; rows keep their
 * hashes, head MACs, chain schemes, audit key id and checkpoints, so `verifyAuditChain` with the
 * same audit key passes on the copy. A target that holds anything is refused
 * (StoreError('not_empty')) unless `replace`; a bad line is StoreError('invalid_request') naming
 * its line number, and nothing is written. Every change version (`store_meta`'s credentials, directory and
 * library versions) ends strictly above what the target held before — and PostgreSQL NOTIFYs each — so a
 * server running on the target drops what it cached (raiseChangeVersions). Returns the rows loaded per table.
 */
export async function importStore(target: StoreTarget, lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<Record<string, number>> {
  const iterator = lines[Symbol.asyncIterator]();
  let lineNo = 0;
  const next = async (): Promise<string | undefined> => {
    for (;;) {
      const { value, done } = await iterator.next();
      if (done === true) return undefined;
      lineNo += 1;
      if (value.trim() !== '') return value;
    }
  };
  const bad = (message: string) => new StoreError('invalid_request', `line ${lineNo} of the export: ${message}`);
  const parse = (text: string): unknown => { try { return JSON.parse(text); } catch { throw bad('not JSON'); } };
  const first = await next();
  const header = (first === undefined ? undefined : parse(first)) as Partial<ExportHeader> | undefined;
  if (header?.format !== 'sopflow-store-export' || header.version !== 1 || !Array.isArray(header.migrations) || !Array.isArray(header.tables)) {
    throw bad('not a sopflow store export (its first line must be the export header)');
  }
  await migrateStore(target);
  const opened = await openMaintenanceDatabase(target);
  try {
    const applied = (await sql<{ name: string }>`SELECT name FROM ${sql.table(opened.schema === undefined ? 'kysely_migration' : `${opened.schema}.kysely_migration`)} ORDER BY name`.execute(opened.db)).rows.map((r) => r.name);
    if (applied.join(',') !== header.migrations.join(',')) {
      throw new StoreError('invalid_request', `the export was taken at schema ${header.migrations.at(-1) ?? '(none)'} but ${opened.label} is at ${applied.at(-1) ?? '(none)'}; run \`sopflow db migrate\` on the source and export again (or use a sopflow that knows the export's schema)`);
    }
    const tables = await exportedTables(opened);
    const unknown = header.tables.filter((t) => !tables.includes(t));
    if (unknown.length > 0) throw bad(`tables ${unknown.join(', ')} do not exist in ${opened.label}`);
    return await opened.db.transaction().execute(async (trx) => {
      const before = await changeVersionsIn(trx);
      const held = Object.entries(await countRows({ ...opened, db: trx }, tables)).filter(([, n]) => n > 0);
      if (held.length > 0 && options.replace !== true) {
        throw new StoreError('not_empty', `${opened.label} is not empty (${held.map(([t, n]) => `${n} ${t}`).join(', ')}); import only into an empty store, or give --replace to empty it first`);
      }
      if (options.replace === true) {
        // store_meta last: deleting users or tenants fires 0019's triggers, which write their versions there again.
        const emptied = ['leases', ...[...tables].reverse().filter((t) => t !== 'store_meta'), ...(tables.includes('store_meta') ? ['store_meta'] : [])];
        for (const table of emptied) await sql`DELETE FROM ${sql.table(table)}`.execute(trx);
      }
      const loaded: Record<string, number> = Object.fromEntries(header.tables!.map((t) => [t, 0]));
      let batch: ExportRow[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        await trx.insertInto(batch[0].table as never).values(batch.map((r) => r.row) as never).execute();
        loaded[batch[0].table] += batch.length;
        batch = [];
      };
      for (let text = await next(); text !== undefined; text = await next()) {
        const entry = parse(text) as Partial<ExportRow>;
        if (typeof entry?.table !== 'string' || !header.tables!.includes(entry.table) || typeof entry.row !== 'object' || entry.row === null) {
          throw bad('expected {"table": one of the header\'s tables, "row": {…}}');
        }
        if (batch.length > 0 && (batch[0].table !== entry.table || batch.length >= BATCH)) await flush();
        batch.push(entry as ExportRow);
      }
      await flush();
      await raiseChangeVersions(trx, before, opened.schema);
      return loaded;
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError('invalid_request', `cannot import into ${opened.label} (nothing was written): ${(error as Error).message}`);
  } finally {
    await opened.close();
  }
}

/** The change versions a store holds now, by key. */
async function changeVersionsIn(trx: Transaction<StoreDatabase>): Promise<Map<string, number>> {
  const rows = (await sql<{ key: string; value: string }>`SELECT key, value FROM store_meta`.execute(trx)).rows;
  return new Map(rows.filter((r) => isChangeVersionKey(r.key)).map((r) => [r.key, Number(r.value) || 0]));
}

/**
 * After a load: each change version the target held before (or the import brought) is set above its old
 * value when the import's is not already — an export taken earlier, or from a quieter store, holds smaller
 * counts, and a server whose caches are tagged with the old count would serve them again once the count
 * came back to it. On PostgreSQL every key is also NOTIFYed (sent at commit): a server's listener counts
 * notifications rather than reading values.
 */
async function raiseChangeVersions(trx: Transaction<StoreDatabase>, before: ReadonlyMap<string, number>, schema: string | undefined): Promise<void> {
  const after = await changeVersionsIn(trx);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const raised = Math.max(after.get(key) ?? 0, (before.get(key) ?? -1) + 1);
    if (raised !== after.get(key)) {
      await sql`INSERT INTO store_meta (key, value) VALUES (${key}, ${String(raised)}) ON CONFLICT (key) DO UPDATE SET value = excluded.value`.execute(trx);
    }
    if (schema !== undefined) await sql`SELECT pg_notify(${changeVersionChannel(schema)}, ${key})`.execute(trx);
  }
}
