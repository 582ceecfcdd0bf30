import { sql, type Kysely } from 'kysely';
import type { StoreDatabase } from '../schema/database.js';
import { StoreError } from '../store-error.js';
import { exportedTables, orderColumns } from './store-tables.js';
import { openMaintenanceDatabase, requireSchema, type StoreTarget } from './store-target.js';

/** The first line of an export: what it is and the schema version it was taken at. */
export interface ExportHeader {
  format: 'sopflow-store-export';
  version: 1;
  /** The migrations the source had applied; an import needs a target at the same version. */
  migrations: string[];
  /** The audit key the source's chains were keyed with (its id, never the secret), if any. */
  auditKeyId: string | null;
  tables: string[];
  exportedAt: string;
}

/** One row of one table, as a line after the header. */
export interface ExportRow {
  table: string;
  row: Record<string, unknown>;
}

const PAGE = 1000;

/**
 * Writes the whole store as JSON lines: a header, then every row of every table (workflows, runs,
 * events with their hashes, timers, tasks, users, store meta, audit checkpoints, and any later
 * tables) in creation order — leases and migration bookkeeping left out — read in one snapshot, so
 * a store in use exports consistently. Reads only. Returns the rows written per table.
 */
export async function exportStore(target: StoreTarget, writeLine: (line: string) => void | Promise<void>): Promise<Record<string, number>> {
  const opened = await openMaintenanceDatabase(target, { readonly: true });
  try {
    await requireSchema(opened);
    const counts: Record<string, number> = {};
    const snapshot = opened.db.transaction();
    await (opened.dialect === 'postgres' ? snapshot.setIsolationLevel('repeatable read') : snapshot).execute(async (trx) => {
      const tables = await exportedTables({ ...opened, db: trx });
      if (!tables.includes('runs') || !tables.includes('events')) throw new StoreError('not_found', `${opened.label} holds no sopflow store`);
      const migrations = (await sql<{ name: string }>`SELECT name FROM ${sql.table(opened.schema === undefined ? 'kysely_migration' : `${opened.schema}.kysely_migration`)} ORDER BY name`.execute(trx)).rows.map((r) => r.name);
      const key = await trx.selectFrom('store_meta').select('value').where('key', '=', 'audit_key_id').executeTakeFirst();
      const header: ExportHeader = { format: 'sopflow-store-export', version: 1, migrations, auditKeyId: key?.value ?? null, tables, exportedAt: new Date().toISOString() };
      await writeLine(JSON.stringify(header));
      for (const table of tables) counts[table] = await exportTable(trx, { ...opened, db: trx }, table, writeLine);
    });
    return counts;
  } finally {
    await opened.close();
  }
}

async function exportTable(trx: Kysely<StoreDatabase>, opened: Parameters<typeof orderColumns>[0], table: string, writeLine: (line: string) => void | Promise<void>): Promise<number> {
  const order = await orderColumns(opened, table);
  let written = 0;
  for (;;) {
    const rows = (await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.join(order.map((c) => sql.ref(c)))} LIMIT ${PAGE} OFFSET ${written}`.execute(trx)).rows;
    for (const row of rows) await writeLine(JSON.stringify({ table, row } satisfies ExportRow));
    written += rows.length;
    if (rows.length < PAGE) return written;
  }
}
