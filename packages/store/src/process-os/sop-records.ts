import { sql, type Kysely, type Selectable } from 'kysely';
import type { ProcessOsDatabase } from './process-os-database.js';
import type { SopFilter, SopRecords, SopRow, SopVersionRow } from './process-records.js';

type Db = Kysely<ProcessOsDatabase>;

/**
 * Workstreams, SOPs and their versions over kysely (both dialects). Single statements only: on
 * SQLite the connection is shared with the run store's synchronous writer, so no transaction may
 * stay open across an await; writes are ordered so a half-done write leaves nothing visible.
 */
export function createSopRecords(db: Db): SopRecords {
  return {
    async insertWorkstream(row) {
      await db.insertInto('workstreams').values({ id: row.id, tenant_id: row.tenantId, name: row.name, created_at: row.createdAt }).execute();
    },
    async findWorkstream(tenantId, id) {
      const row = await db.selectFrom('workstreams').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : { id: row.id, tenantId: row.tenant_id, name: row.name, createdAt: row.created_at };
    },
    async listWorkstreams(tenantId) {
      const rows = await db.selectFrom('workstreams').selectAll().where('tenant_id', '=', tenantId).orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, name: row.name, createdAt: row.created_at }));
    },
    async insertSop(sop, version) {
      // The version first: a version whose SOP is missing is never read; an SOP without its version would be.
      await db.insertInto('sop_versions').values({
        id: version.id, tenant_id: version.tenantId, sop_id: version.sopId, semver: version.semver, content_hash: version.contentHash, text: version.text,
        certification: version.certification, approved_by: version.approvedBy, approved_at: version.approvedAt, created_by: version.createdBy, created_at: version.createdAt,
      }).execute();
      await db.insertInto('sops').values({
        id: sop.id, tenant_id: sop.tenantId, workstream_id: sop.workstreamId, workflow_id: sop.workflowId, title: sop.title, description: sop.description,
        status: sop.status, allow_overlap: sop.allowOverlap ? 1 : 0, is_public: sop.isPublic ? 1 : 0, current_version_id: sop.currentVersionId, created_by: sop.createdBy,
        created_at: sop.createdAt, updated_at: sop.updatedAt,
      }).execute();
    },
    async find(tenantId, id) {
      const row = await db.selectFrom('sops').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toSopRow(row);
    },
    async list(tenantId, query) {
      let select = filteredSops(db, tenantId, query).selectAll();
      if (query.afterId !== undefined) select = select.where('id', '>', query.afterId);
      const rows = await select.orderBy('id').limit(query.limit).execute();
      return rows.map(toSopRow);
    },
    async firstPage(tenantId, filter, limit) {
      if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`firstPage: limit is a whole number from 1 (${limit})`);
      // A text search scans every row's title, so it is counted from that one scan (the last id has no lead); any other
      // filter is counted from an index in the same statement, cheaper than the look-ahead window (half the time on SQLite).
      const search = filter.q !== undefined && filter.q !== '';
      const ranked = filteredSops(db, tenantId, filter).select(['id', sql<number>`row_number() over (order by id)`.as('rn'),
        (search ? sql<boolean>`lead(id) over (order by id) is null` : sql<boolean>`false`).as('is_last')]);
      const counted = search ? sql`null` : sql`(${filteredSops(db, tenantId, filter).select((eb) => eb.fn.countAll().as('n'))})`;
      const { rows } = await sql<Selectable<ProcessOsDatabase['sops']> & { rn: number | string; is_last: unknown; end_id: string; total: number | string | null }>`
        select r.rn, r.is_last, r.id as end_id, ${counted} as total, s.* from (${ranked}) r left join sops s on r.rn <= ${limit} and s.id = r.id
        where r.rn <= ${limit} or r.rn % ${limit} = 0 or r.is_last order by r.rn`.execute(db);
      const last = rows[rows.length - 1];
      const total = last === undefined ? 0 : Number(last.total ?? last.rn);
      return {
        rows: rows.filter((row) => Number(row.rn) <= limit).map(toSopRow),
        total,
        ends: rows.filter((row) => Number(row.rn) % limit === 0 && Number(row.rn) < total).map((row) => row.end_id),
      };
    },
    async claimRunSlot(tenantId, id, expected, at) {
      const result = await db.updateTable('sops').set({ updated_at: at })
        .where('tenant_id', '=', tenantId).where('id', '=', id).where('updated_at', '=', expected).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setPublic(tenantId, id, isPublic, at) {
      const result = await db.updateTable('sops').set({ is_public: isPublic ? 1 : 0, updated_at: at })
        .where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setStatus(tenantId, id, from, to, at) {
      const result = await db.updateTable('sops').set({ status: to, updated_at: at })
        .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async findVersion(tenantId, id) {
      const row = await db.selectFrom('sop_versions').selectAll().where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
      return row === undefined ? undefined : toVersionRow(row);
    },
    async findVersions(tenantId, ids) {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('sop_versions').selectAll().where('tenant_id', '=', tenantId).where('id', 'in', [...ids]).execute();
      return rows.map(toVersionRow);
    },
    async approveVersion(tenantId, id, by, at, certification) {
      await db.updateTable('sop_versions').set({ approved_by: by, approved_at: at, certification })
        .where('tenant_id', '=', tenantId).where('id', '=', id).where('approved_at', 'is', null).execute();
    },
    async listVersions(tenantId, sopId) {
      const rows = await db.selectFrom('sop_versions').selectAll().where('tenant_id', '=', tenantId).where('sop_id', '=', sopId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toVersionRow);
    },
    async insertVersion(version) {
      await db.insertInto('sop_versions').values({
        id: version.id, tenant_id: version.tenantId, sop_id: version.sopId, semver: version.semver, content_hash: version.contentHash, text: version.text,
        certification: version.certification, approved_by: version.approvedBy, approved_at: version.approvedAt, created_by: version.createdBy, created_at: version.createdAt,
      }).execute();
    },
    async updateDraftVersion(tenantId, id, fields) {
      const result = await db.updateTable('sop_versions').set({ text: fields.text, content_hash: fields.contentHash, semver: fields.semver })
        .where('tenant_id', '=', tenantId).where('id', '=', id).where('approved_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async setCurrent(tenantId, id, from, fields, at) {
      const result = await db.updateTable('sops')
        .set({ current_version_id: fields.versionId, status: fields.status, title: fields.title, description: fields.description, updated_at: at })
        .where('tenant_id', '=', tenantId).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

/** The tenant's SOPs the filter takes (a select with nothing chosen yet): one definition for list and firstPage. */
function filteredSops(db: Db, tenantId: string, filter: SopFilter) {
  let select = db.selectFrom('sops').where('tenant_id', '=', tenantId);
  if (filter.status !== undefined) select = select.where('status', '=', filter.status);
  if (filter.workstreamId !== undefined) select = select.where('workstream_id', '=', filter.workstreamId);
  if (filter.isPublic !== undefined) select = select.where('is_public', '=', filter.isPublic ? 1 : 0);
  if (filter.q !== undefined && filter.q !== '') {
    const pattern = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where(sql<boolean>`(lower(title) like ${pattern} escape '\\' or lower(workflow_id) like ${pattern} escape '\\')`);
  }
  return select;
}

function toSopRow(row: Selectable<ProcessOsDatabase['sops']>): SopRow {
  return {
    id: row.id, tenantId: row.tenant_id, workstreamId: row.workstream_id, workflowId: row.workflow_id, title: row.title, description: row.description,
    status: row.status, allowOverlap: Number(row.allow_overlap) === 1, currentVersionId: row.current_version_id, createdBy: row.created_by,
    createdAt: row.created_at, updatedAt: row.updated_at, isPublic: Number(row.is_public) === 1,
  };
}

function toVersionRow(row: Selectable<ProcessOsDatabase['sop_versions']>): SopVersionRow {
  return {
    id: row.id, tenantId: row.tenant_id, sopId: row.sop_id, semver: row.semver, contentHash: row.content_hash, text: row.text,
    certification: row.certification, approvedBy: row.approved_by, approvedAt: row.approved_at, createdBy: row.created_by, createdAt: row.created_at,
  };
}
