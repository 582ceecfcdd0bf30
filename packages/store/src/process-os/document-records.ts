import type { Kysely } from 'kysely';
import type { ProcessOsDatabase } from './process-os-database.js';

/** An uploaded document of a tenant, stored once per content hash (the bytes as base64 text, one column type on SQLite and PostgreSQL). */
export interface DocumentRow { id: string; tenantId: string; name: string; type: string; size: number; sha256: string; createdBy: string; createdAt: string }

/** An import of a document into draft SOPs: `drafts` are SOP ids, `error` the coded refusal of a failed job. */
export interface ImportJobRow {
  id: string; tenantId: string; documentId: string; status: 'queued' | 'running' | 'succeeded' | 'failed';
  drafts: string[]; error: { code: string; message: string; details?: unknown } | null; createdBy: string; createdAt: string; updatedAt: string;
}

/** Documents and import jobs of a tenant (migration 0007); another tenant's row is undefined. */
export interface DocumentRecords {
  /** Stores the document unless the tenant already has these bytes; returns the stored row either way. */
  insertOnce(row: DocumentRow, bytes: Uint8Array): Promise<DocumentRow>;
  find(tenantId: string, id: string): Promise<DocumentRow | undefined>;
  readBytes(tenantId: string, id: string): Promise<Uint8Array | undefined>;
  /** The tenant's documents, oldest first. */
  list(tenantId: string): Promise<DocumentRow[]>;
  insertJob(row: ImportJobRow): Promise<void>;
  updateJob(tenantId: string, id: string, change: Pick<ImportJobRow, 'status' | 'drafts' | 'error' | 'updatedAt'>): Promise<void>;
  findJob(tenantId: string, id: string): Promise<ImportJobRow | undefined>;
  /** Across tenants: jobs still queued or running that were last updated before `before` (a server start looks for the ones a stop cut short). */
  listUnfinishedJobs(before: string): Promise<ImportJobRow[]>;
}

type Db = Kysely<ProcessOsDatabase>;
type DocumentTable = ProcessOsDatabase['documents'];
type JobTable = ProcessOsDatabase['import_jobs'];

const COLUMNS = ['id', 'tenant_id', 'name', 'type', 'size', 'sha256', 'created_by', 'created_at'] as const;

/** Documents and import jobs over kysely: one code base for SQLite and PostgreSQL. */
export function createDocumentRecords(db: Db): DocumentRecords {
  const findBySha = async (tenantId: string, sha256: string) => db.selectFrom('documents').select(COLUMNS).where('tenant_id', '=', tenantId).where('sha256', '=', sha256).executeTakeFirst();
  return {
    async insertOnce(row, bytes) {
      const existing = await findBySha(row.tenantId, row.sha256);
      if (existing !== undefined) return toDocument(existing);
      // Two uploads of the same bytes at once: the unique (tenant, sha256) index keeps one, both answer with it.
      await db.insertInto('documents').values({
        id: row.id, tenant_id: row.tenantId, name: row.name, type: row.type, size: row.size, sha256: row.sha256,
        content: Buffer.from(bytes).toString('base64'), created_by: row.createdBy, created_at: row.createdAt,
      }).onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doNothing()).execute();
      return toDocument((await findBySha(row.tenantId, row.sha256))!);
    },
    async find(tenantId, id) {
      const row = await db.selectFrom('documents').select(COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toDocument(row);
    },
    async readBytes(tenantId, id) {
      const row = await db.selectFrom('documents').select('content').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : new Uint8Array(Buffer.from(row.content, 'base64'));
    },
    async list(tenantId) {
      return (await db.selectFrom('documents').select(COLUMNS).where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute()).map(toDocument);
    },
    async insertJob(row) {
      await db.insertInto('import_jobs').values({
        id: row.id, tenant_id: row.tenantId, document_id: row.documentId, status: row.status, drafts: JSON.stringify(row.drafts),
        error: row.error === null ? null : JSON.stringify(row.error), created_by: row.createdBy, created_at: row.createdAt, updated_at: row.updatedAt,
      }).execute();
    },
    async updateJob(tenantId, id, change) {
      await db.updateTable('import_jobs').set({
        status: change.status, drafts: JSON.stringify(change.drafts), error: change.error === null ? null : JSON.stringify(change.error), updated_at: change.updatedAt,
      }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
    },
    async findJob(tenantId, id) {
      const row = await db.selectFrom('import_jobs').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toJob(row);
    },
    async listUnfinishedJobs(before) {
      const rows = await db.selectFrom('import_jobs').selectAll().where('status', 'in', ['queued', 'running']).where('updated_at', '<', before).orderBy('created_at').orderBy('id').execute();
      return rows.map(toJob);
    },
  };
}

function toDocument(row: Omit<DocumentTable, 'content'>): DocumentRow {
  return { id: row.id, tenantId: row.tenant_id, name: row.name, type: row.type, size: Number(row.size), sha256: row.sha256, createdBy: row.created_by, createdAt: row.created_at };
}

function toJob(row: JobTable): ImportJobRow {
  return {
    id: row.id, tenantId: row.tenant_id, documentId: row.document_id, status: row.status as ImportJobRow['status'], drafts: JSON.parse(row.drafts) as string[],
    error: row.error === null ? null : JSON.parse(row.error) as ImportJobRow['error'], createdBy: row.created_by, createdAt: row.created_at, updatedAt: row.updated_at,
  };
}

/** Migration 0007: the documents table (unique per tenant and content hash) and the import jobs table. */
export async function createDocumentTables(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_tenant_sha256').unique().on('documents').columns(['tenant_id', 'sha256']).execute();
  await db.schema.createTable('import_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('tenant_id', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('drafts', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
