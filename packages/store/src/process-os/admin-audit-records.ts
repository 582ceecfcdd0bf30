import type Database from 'better-sqlite3';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { adminChainKey, chainAdminRow, sealAdminChain, type AdminChainHead, type ChainedAdminRow, type LinkedAdminRow } from '../audit/admin-chain.js';
import type { AuditKey } from '../audit/audit-key.js';
import type { ChainScheme } from '../audit/hash-event.js';
import { CHECKPOINTS_TO_VERIFY, toCheckpointRecord, type CheckpointColumns } from '../audit/sign-checkpoint.js';
import { verifyAdminLogAgainstCheckpoints, type AdminLogSnapshot, type StoredAdminRow } from '../audit/verify-admin-chains.js';
import type { StoreDatabase } from '../schema/database.js';
import type { ProcessOsDatabase } from './process-os-database.js';
import type { AdminAuditRecords, AdminAuditRow } from './process-records.js';

type Db = Kysely<ProcessOsDatabase>;
type RowColumns = Selectable<ProcessOsDatabase['admin_audit']>;
type HeadColumns = Selectable<ProcessOsDatabase['admin_audit_heads']>;
/** An `admin_audit` row as SQLite and PostgreSQL return it. */
export type AdminRowColumns = RowColumns;
/** An `admin_audit_heads` row as SQLite and PostgreSQL return it. */
export type AdminHeadColumns = HeadColumns;

/** How the admin log reaches its database beyond kysely. */
export interface AdminAuditOptions {
  /** The store's settled audit key: appends MAC the head with it, verify checks MACs with it. */
  auditKey?: AuditKey;
  /** SQLite: the connection the run store's synchronous writer shares (no transaction may span an await on it) and the store's busy-retrying wrapper. */
  sqlite?: { db: Database.Database; write: <T>(fn: () => T) => Promise<T> };
}

const SEALED = 'admin_audit_sealed';

function toRow(row: RowColumns): AdminAuditRow {
  return { id: row.id, tenantId: row.tenant_id, at: row.at, actor: row.actor, action: row.action, target: row.target, details: row.details === null ? null : JSON.parse(row.details) };
}

function toHead(row: HeadColumns | undefined): AdminChainHead | undefined {
  return row === undefined ? undefined : { seq: Number(row.seq), lastHash: row.last_hash, scheme: row.scheme as ChainScheme, headMac: row.head_mac };
}

function toStored(row: RowColumns): StoredAdminRow {
  return {
    id: row.id, tenantId: row.tenant_id, at: row.at, actor: row.actor, action: row.action, target: row.target, details: row.details,
    seq: row.seq === null ? null : Number(row.seq), prevHash: row.prev_hash, hash: row.hash,
  };
}

/** Pure; the admin log as verify checks it, from the rows and heads one snapshot read. */
export function adminLogSnapshot(rows: readonly RowColumns[], heads: readonly HeadColumns[]): AdminLogSnapshot {
  return { rows: rows.map(toStored), heads: new Map(heads.map((h) => [h.tenant_key, toHead(h)!])) };
}

/** The columns one chained append writes: the row with its place in the chain. */
function rowValues(row: AdminAuditRow, details: string | null, chained: ChainedAdminRow): RowColumns {
  return {
    id: row.id, tenant_id: row.tenantId, at: row.at, actor: row.actor, action: row.action, target: row.target, details,
    seq: chained.seq, prev_hash: chained.prevHash, hash: chained.hash,
  };
}

/**
 * The admin audit log over kysely: who did what administrative action to what, when, as a hash chain per
 * tenant. An append reads the tenant's head, links the row to it and moves the head in one transaction
 * that holds the head: SQLite's write lock (a synchronous BEGIN IMMEDIATE on the writer's connection),
 * PostgreSQL's row lock (`FOR UPDATE`), so two concurrent admin actions never fork the chain.
 */
export function createAdminAuditRecords(db: Db, options: AdminAuditOptions = {}): AdminAuditRecords {
  const { auditKey, sqlite } = options;
  const appendSqlite = sqlite === undefined ? undefined : sqliteAppend(sqlite.db, auditKey);
  return {
    async record(row) {
      const details = row.details === undefined ? null : JSON.stringify(row.details);
      const key = adminChainKey(row.tenantId);
      if (appendSqlite !== undefined) {
        await sqlite!.write(() => appendSqlite(row, details, key));
        return;
      }
      await db.transaction().execute(async (trx) => {
        // The placeholder head makes the row lockable for a tenant's first append too; it is never seen uncommitted.
        await trx.insertInto('admin_audit_heads').values({ tenant_key: key, seq: 0, last_hash: '', scheme: auditKey === undefined ? 'sha256' : 'hmac-sha256', head_mac: null })
          .onConflict((oc) => oc.column('tenant_key').doNothing()).execute();
        const head = toHead(await trx.selectFrom('admin_audit_heads').selectAll().where('tenant_key', '=', key).forUpdate().executeTakeFirst());
        const chained = chainAdminRow(head, { ...row, details }, auditKey);
        await trx.insertInto('admin_audit').values(rowValues(row, details, chained)).execute();
        await writeHead(trx, key, chained.head);
      });
    },
    async list(tenantId) {
      const rows = await db.selectFrom('admin_audit').selectAll().where('tenant_id', '=', tenantId).orderBy('at').orderBy('id').execute();
      return rows.map(toRow);
    },
    async find(tenantId, action, target) {
      let select = db.selectFrom('admin_audit').selectAll().where('tenant_id', '=', tenantId).where('action', '=', action);
      if (target !== undefined) select = select.where('target', '=', target);
      return (await select.orderBy('at').orderBy('id').execute()).map(toRow);
    },
    async chainedCount() {
      const row = await db.selectFrom('admin_audit_heads').select((eb) => eb.fn.sum<number | string | null>('seq').as('total')).executeTakeFirst();
      return Number(row?.total ?? 0);
    },
    async verify(tenantId) {
      // Only this tenant's rows (by the (tenant_id, seq) index) and head are read, beside the signed checkpoints.
      const { rows, heads, checkpoints } = sqlite !== undefined
        ? sqlite.db.transaction(() => ({
          rows: sqlite.db.prepare<[string], RowColumns>('SELECT * FROM admin_audit WHERE tenant_id = ?').all(tenantId),
          heads: sqlite.db.prepare<[string], HeadColumns>('SELECT * FROM admin_audit_heads WHERE tenant_key = ?').all(tenantId),
          checkpoints: sqlite.db.prepare<[], CheckpointColumns>(CHECKPOINTS_TO_VERIFY).all(),
        }))()
        // One snapshot: an append or a checkpoint committed between the reads must not look like tampering.
        : await db.transaction().setIsolationLevel('repeatable read').execute(async (trx) => ({
          rows: await trx.selectFrom('admin_audit').selectAll().where('tenant_id', '=', tenantId).execute(),
          heads: await trx.selectFrom('admin_audit_heads').selectAll().where('tenant_key', '=', tenantId).execute(),
          checkpoints: (await sql.raw<CheckpointColumns>(CHECKPOINTS_TO_VERIFY).execute(trx)).rows,
        }));
      return verifyAdminLogAgainstCheckpoints(tenantId, adminLogSnapshot(rows, heads), checkpoints.map(toCheckpointRecord), auditKey);
    },
  };
}

async function writeHead(trx: Transaction<ProcessOsDatabase>, key: string, head: AdminChainHead): Promise<void> {
  await trx.updateTable('admin_audit_heads').set({ seq: head.seq, last_hash: head.lastHash, scheme: head.scheme, head_mac: head.headMac }).where('tenant_key', '=', key).execute();
}

/** SQLite's append: one synchronous BEGIN IMMEDIATE transaction on the writer's connection (run inside the store's busy retry). */
function sqliteAppend(sqlite: Database.Database, auditKey: AuditKey | undefined) {
  const readHead = sqlite.prepare<[string], HeadColumns>('SELECT * FROM admin_audit_heads WHERE tenant_key = ?');
  const insertRow = sqlite.prepare('INSERT INTO admin_audit (id, tenant_id, at, actor, action, target, details, seq, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const upsertHead = sqlite.prepare(`INSERT INTO admin_audit_heads (tenant_key, seq, last_hash, scheme, head_mac) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (tenant_key) DO UPDATE SET seq = excluded.seq, last_hash = excluded.last_hash, scheme = excluded.scheme, head_mac = excluded.head_mac`);
  const append = sqlite.transaction((row: AdminAuditRow, details: string | null, key: string) => {
    const chained = chainAdminRow(toHead(readHead.get(key)), { ...row, details }, auditKey);
    const v = rowValues(row, details, chained);
    insertRow.run(v.id, v.tenant_id, v.at, v.actor, v.action, v.target, v.details, v.seq, v.prev_hash, v.hash);
    upsertHead.run(key, chained.head.seq, chained.head.lastHash, chained.head.scheme, chained.head.headMac);
  });
  return (row: AdminAuditRow, details: string | null, key: string) => append.immediate(row, details, key);
}

/** A tenant's chained rows as sealing reads them (a row with no place in the chain is left for verify to report). */
function linkedRows(rows: readonly RowColumns[]): LinkedAdminRow[] {
  return rows.filter((r) => r.seq !== null && r.prev_hash !== null && r.hash !== null)
    .map((r) => ({ ...toStored(r), seq: Number(r.seq), prevHash: r.prev_hash!, hash: r.hash! }));
}

/**
 * Seals, once, the admin chains written without the key — the ones migration 0020 chained, or all of an unkeyed
 * store's on first keying — with `sealAdminChain` (SHA-256 links re-linked as HMAC, every head MAC'd), and records
 * that it did (`store_meta.admin_audit_sealed`), so a head whose MAC is removed later is reported, not re-sealed.
 * Run at a writable open with the settled key.
 */
export async function sealAdminChains(storeDb: Kysely<StoreDatabase>, key: AuditKey, sqlite?: Database.Database): Promise<void> {
  const db = storeDb as unknown as Db;
  // Sealed already (every open but the first keyed one): no write lock taken, it would wait behind a long writer.
  if (await db.selectFrom('store_meta').select('value').where('key', '=', SEALED).executeTakeFirst() !== undefined) return;
  const sealed = (head: HeadColumns, rows: readonly RowColumns[]) => sealAdminChain(head.tenant_key, toHead(head)!, linkedRows(rows), key);
  if (sqlite !== undefined) {
    sqlite.transaction(() => {
      if (sqlite.prepare('SELECT 1 FROM store_meta WHERE key = ?').get(SEALED) !== undefined) return;
      sqlite.prepare('INSERT INTO store_meta (key, value) VALUES (?, ?)').run(SEALED, key.id);
      const rowsOf = sqlite.prepare<[string], RowColumns>("SELECT * FROM admin_audit WHERE coalesce(tenant_id, '') = ?");
      const relink = sqlite.prepare('UPDATE admin_audit SET prev_hash = ?, hash = ? WHERE id = ?');
      const setHead = sqlite.prepare('UPDATE admin_audit_heads SET last_hash = ?, scheme = ?, head_mac = ? WHERE tenant_key = ?');
      for (const head of sqlite.prepare<[], HeadColumns>('SELECT * FROM admin_audit_heads WHERE head_mac IS NULL').all()) {
        const chain = sealed(head, rowsOf.all(head.tenant_key));
        for (const row of chain.relinked) relink.run(row.prevHash, row.hash, row.id);
        setHead.run(chain.head.lastHash, chain.head.scheme, chain.head.headMac, head.tenant_key);
      }
    }).immediate();
    return;
  }
  await db.transaction().execute(async (trx) => {
    const marked = await trx.insertInto('store_meta').values({ key: SEALED, value: key.id }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
    if (Number(marked.numInsertedOrUpdatedRows ?? 0) === 0) return;
    for (const head of await trx.selectFrom('admin_audit_heads').selectAll().where('head_mac', 'is', null).forUpdate().execute()) {
      const rows = await trx.selectFrom('admin_audit').selectAll().where(sql<string>`coalesce(tenant_id, '')`, '=', head.tenant_key).execute();
      const chain = sealed(head, rows);
      for (const row of chain.relinked) await trx.updateTable('admin_audit').set({ prev_hash: row.prevHash, hash: row.hash }).where('id', '=', row.id).execute();
      await trx.updateTable('admin_audit_heads').set({ last_hash: chain.head.lastHash, scheme: chain.head.scheme, head_mac: chain.head.headMac })
        .where('tenant_key', '=', head.tenant_key).execute();
    }
  });
}
