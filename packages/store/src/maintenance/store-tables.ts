import { sql } from 'kysely';
import type { MaintenanceDatabase } from './store-target.js';

/**
 * Tables an export leaves out: kysely's migration bookkeeping (the target migrates itself), leases and workers (who
 * works on a run now), and audit_heads (which runs the next checkpoint covers: on the copy, every run once).
 */
const NOT_EXPORTED = new Set(['kysely_migration', 'kysely_migration_lock', 'leases', 'workers', 'audit_heads']);

/**
 * The store's tables in the order they were created — which is an order foreign keys accept, since
 * a table can only reference one made before it — without the ones an export leaves out.
 */
export async function exportedTables(target: MaintenanceDatabase): Promise<string[]> {
  const names = target.dialect === 'sqlite'
    // Plain tables only: a full-text index (FTS5 virtual table and its shadow tables) is refilled by triggers as rows are imported.
    ? (await sql<{ name: string }>`SELECT m.name FROM sqlite_master m JOIN pragma_table_list t ON t.schema = 'main' AND t.name = m.name
        WHERE m.type = 'table' AND t.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.rowid`.execute(target.db)).rows
    : (await sql<{ name: string }>`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ${target.schema} AND c.relkind = 'r' ORDER BY c.oid`.execute(target.db)).rows;
  return names.map((r) => r.name).filter((name) => !NOT_EXPORTED.has(name));
}

/** The columns of a table's primary key (or every column when it has none), for a stable order across pages. */
export async function orderColumns(target: MaintenanceDatabase, table: string): Promise<string[]> {
  if (target.dialect === 'sqlite') {
    const info = (await sql<{ name: string; pk: number }>`SELECT name, pk FROM pragma_table_info(${table})`.execute(target.db)).rows;
    const keyed = info.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return keyed.length > 0 ? keyed : info.map((c) => c.name);
  }
  const rows = (await sql<{ name: string; key: boolean }>`
    SELECT a.attname AS name, COALESCE(a.attnum = ANY (i.indkey), false) AS key
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
    WHERE n.nspname = ${target.schema} AND c.relname = ${table} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`.execute(target.db)).rows;
  const keyed = rows.filter((r) => r.key).map((r) => r.name);
  return keyed.length > 0 ? keyed : rows.map((r) => r.name);
}

/** Rows of every exported table; 0 for an empty store. */
export async function countRows(target: MaintenanceDatabase, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = Number((await sql<{ n: number | string }>`SELECT COUNT(*) AS n FROM ${sql.table(table)}`.execute(target.db)).rows[0]?.n ?? 0);
  }
  return counts;
}
