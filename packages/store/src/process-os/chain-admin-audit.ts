import type { Kysely } from 'kysely';
import { adminChainKey, chainAdminRow, type AdminChainHead } from '../audit/admin-chain.js';
import type { ProcessOsTables } from './process-os-database.js';

type AdminAuditTables = Pick<ProcessOsTables, 'admin_audit' | 'admin_audit_heads'>;

/**
 * Migration 0020's body: each row of `admin_audit` gets its place in its tenant's chain (seq, prev_hash, hash;
 * unique per tenant), `admin_audit_heads` holds each chain's head (seq, last hash, link scheme, head MAC), and the
 * rows already there are chained once, per tenant in (at, id) order, with plain SHA-256 links: a migration has no
 * audit key, so their heads get their MAC when the store is next opened with its key (`sealAdminChains`).
 */
export async function chainAdminAudit(unknownDb: Kysely<unknown>): Promise<void> {
  const db = unknownDb as Kysely<AdminAuditTables>;
  await db.schema.alterTable('admin_audit').addColumn('seq', 'integer').execute();
  await db.schema.alterTable('admin_audit').addColumn('prev_hash', 'text').execute();
  await db.schema.alterTable('admin_audit').addColumn('hash', 'text').execute();
  await db.schema.createIndex('admin_audit_chain').on('admin_audit').columns(['tenant_id', 'seq']).unique().execute();
  await db.schema.createTable('admin_audit_heads')
    .addColumn('tenant_key', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', 'text', (c) => c.notNull())
    .addColumn('scheme', 'text', (c) => c.notNull())
    .addColumn('head_mac', 'text')
    .execute();
  const rows = await db.selectFrom('admin_audit').select(['id', 'tenant_id', 'at', 'actor', 'action', 'target', 'details']).execute();
  // Ordered here, not by the database: SQLite and PostgreSQL may collate ids differently, and the order must be one.
  rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const heads = new Map<string, AdminChainHead>();
  for (const row of rows) {
    const key = adminChainKey(row.tenant_id);
    const chained = chainAdminRow(heads.get(key), { ...row, tenantId: row.tenant_id }, undefined);
    await db.updateTable('admin_audit').set({ seq: chained.seq, prev_hash: chained.prevHash, hash: chained.hash }).where('id', '=', row.id).execute();
    heads.set(key, chained.head);
  }
  for (const [key, head] of heads) {
    await db.insertInto('admin_audit_heads').values({ tenant_key: key, seq: head.seq, last_hash: head.lastHash, scheme: head.scheme, head_mac: null }).execute();
  }
}
