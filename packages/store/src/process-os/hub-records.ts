import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import { isSqlite } from './is-sqlite.js';

/** A name on the hub and the publisher key it was bound to by its first publish. */
export interface HubPackageRow { name: string; publisherId: string; publicKey: string; createdAt: string }

/**
 * One immutable published version: the document's canonical text, its SHA-256, the publisher's
 * ed25519 signature (base64), the facets searched by (lower case) and `searchText`, the words the
 * full-text index holds (lower case, separated by single spaces).
 */
export interface HubVersionRow {
  name: string; version: string; title: string; description: string | null; contentHash: string; signature: string; publisherId: string;
  text: string; size: number; tags: string[]; nodeTypes: string[]; services: string[]; searchText: string; publishedAt: string;
}

/** A version as a search or a listing shows it (no text, no signature). */
export type HubVersionSummary = Omit<HubVersionRow, 'text' | 'signature' | 'searchText'>;

/**
 * One run report: figures only (no run, person or input); durations in milliseconds. `reporter` is
 * an opaque one-way hash of who sent it (a token), so that each sender has one standing report per
 * version; null on reports from before migration 0015.
 */
export interface HubReportRow {
  id: string; name: string; version: string; reporter: string | null; receivedAt: string; runs: number; succeeded: number; p50Ms: number; p95Ms: number;
}

/** A version's reports added up: runs, successes, and the run-weighted mean of the reported quantiles. */
export interface HubReportFigures { name: string; version: string; reports: number; runs: number; succeeded: number; p50Ms: number; p95Ms: number }

/** A ranked version: its figures and its title. */
export interface HubRankingRow extends HubReportFigures { title: string }

/** Every word must start a word of the version's text; every facet given must be among the version's. */
export interface HubSearchQuery { words: string[]; tags: string[]; nodeTypes: string[]; services: string[]; limit: number }

/** What an insert did: a new version, the same bytes again, or a refusal. */
export type HubInsertOutcome = 'inserted' | 'unchanged' | 'name_bound_to_other_key' | 'version_has_other_content';

/** The SOP hub's records (migration 0009): one registry per server, not per tenant; read by anyone. */
export interface HubRecords {
  findPackage(name: string): Promise<HubPackageRow | undefined>;
  /** Binds the name to the key on first use, then stores the version unless it exists; never overwrites. */
  insertVersion(pkg: HubPackageRow, row: HubVersionRow): Promise<HubInsertOutcome>;
  findVersion(name: string, version: string): Promise<HubVersionRow | undefined>;
  /** The name's versions in publish order. */
  listVersions(name: string): Promise<HubVersionSummary[]>;
  /** Matching versions (every version of a name, the caller picks), by name and version, at most `limit`. */
  search(query: HubSearchQuery): Promise<HubVersionSummary[]>;
  /** Stores the reporter's report of a version, replacing the one it had (one statement: the unique index decides). */
  upsertReport(row: HubReportRow & { reporter: string }): Promise<void>;
  /** When the reporter last reported this version (ISO), and how many versions it reported at or after `since`. */
  reporterActivity(reporter: string, name: string, version: string, since: string): Promise<{ lastOfVersion: string | null; versionsSince: number }>;
  /** Versions by runs reported, most first (then name, version), with their titles: one query. */
  ranking(limit: number): Promise<HubRankingRow[]>;
  /** The figures of every reported version of these names: one query. */
  figuresOf(names: readonly string[]): Promise<HubReportFigures[]>;
}

interface HubTables {
  hub_packages: { name: string; publisher_id: string; public_key: string; created_at: string };
  hub_versions: {
    name: string; version: string; title: string; description: string | null; content_hash: string; signature: string; publisher_id: string; text: string;
    size: number; tags: string; node_types: string; services: string; search_text: string; published_at: string;
  };
  hub_reports: { id: string; name: string; version: string; reporter: string | null; received_at: string; runs: number; succeeded: number; p50_ms: number; p95_ms: number };
}

const SUMMARY = ['name', 'version', 'title', 'description', 'content_hash', 'publisher_id', 'size', 'tags', 'node_types', 'services', 'published_at'] as const;

/** The hub's records over kysely: SQLite matches words with FTS5, PostgreSQL with a tsvector GIN index; both give the same matches. */
export function createHubRecords(anyDb: Kysely<unknown>): HubRecords {
  const db = anyDb as unknown as Kysely<HubTables>;
  const sqlite = isSqlite(anyDb);
  return {
    async findPackage(name) {
      const row = await db.selectFrom('hub_packages').selectAll().where('name', '=', name).executeTakeFirst();
      return row === undefined ? undefined : { name: row.name, publisherId: row.publisher_id, publicKey: row.public_key, createdAt: row.created_at };
    },
    async insertVersion(pkg, row) {
      // Single statements (SQLite shares its connection with the run store's writer): the primary keys decide races.
      await db.insertInto('hub_packages').values({ name: pkg.name, publisher_id: pkg.publisherId, public_key: pkg.publicKey, created_at: pkg.createdAt })
        .onConflict((oc) => oc.column('name').doNothing()).execute();
      const bound = await db.selectFrom('hub_packages').select('publisher_id').where('name', '=', pkg.name).executeTakeFirstOrThrow();
      if (bound.publisher_id !== pkg.publisherId) return 'name_bound_to_other_key';
      const inserted = await db.insertInto('hub_versions').values({
        name: row.name, version: row.version, title: row.title, description: row.description, content_hash: row.contentHash, signature: row.signature,
        publisher_id: row.publisherId, text: row.text, size: row.size, tags: JSON.stringify(row.tags), node_types: JSON.stringify(row.nodeTypes),
        services: JSON.stringify(row.services), search_text: row.searchText, published_at: row.publishedAt,
      }).onConflict((oc) => oc.columns(['name', 'version']).doNothing()).executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return 'inserted';
      const existing = await db.selectFrom('hub_versions').select('content_hash').where('name', '=', row.name).where('version', '=', row.version).executeTakeFirstOrThrow();
      return existing.content_hash === row.contentHash ? 'unchanged' : 'version_has_other_content';
    },
    async findVersion(name, version) {
      const row = await db.selectFrom('hub_versions').selectAll().where('name', '=', name).where('version', '=', version).executeTakeFirst();
      return row === undefined ? undefined : { ...toSummary(row), text: row.text, signature: row.signature, searchText: row.search_text };
    },
    async listVersions(name) {
      return (await db.selectFrom('hub_versions').select(SUMMARY).where('name', '=', name).orderBy('published_at').orderBy('version').execute()).map(toSummary);
    },
    async search(query) {
      let q = db.selectFrom('hub_versions').select(SUMMARY);
      if (query.words.length > 0) {
        q = sqlite
          ? q.where(sql<boolean>`EXISTS (SELECT 1 FROM hub_search s WHERE hub_search MATCH ${query.words.map((w) => `"${w}"*`).join(' ')}
              AND s.name = hub_versions.name AND s.version = hub_versions.version)`)
          : q.where(sql<boolean>`to_tsvector('simple', search_text) @@ to_tsquery('simple', ${query.words.map((w) => `${w}:*`).join(' & ')})`);
      }
      const facets = [['tags', query.tags], ['node_types', query.nodeTypes], ['services', query.services]] as const;
      for (const [column, values] of facets) {
        // The facet columns hold JSON arrays of lower-case strings: an element matches as its quoted JSON text.
        for (const value of values) q = q.where(sql<boolean>`${sql.ref(column)} LIKE ${`%${escapeLike(JSON.stringify(value))}%`} ESCAPE '\\'`);
      }
      return (await q.orderBy('name').orderBy('version').limit(query.limit).execute()).map(toSummary);
    },
    async upsertReport(row) {
      const figures = { received_at: row.receivedAt, runs: row.runs, succeeded: row.succeeded, p50_ms: row.p50Ms, p95_ms: row.p95Ms };
      await db.insertInto('hub_reports').values({ id: row.id, name: row.name, version: row.version, reporter: row.reporter, ...figures })
        .onConflict((oc) => oc.columns(['name', 'version', 'reporter']).doUpdateSet(figures)).execute();
    },
    async reporterActivity(reporter, name, version, since) {
      const last = await db.selectFrom('hub_reports').select('received_at').where('reporter', '=', reporter).where('name', '=', name).where('version', '=', version).executeTakeFirst();
      const recent = await db.selectFrom('hub_reports').select((eb) => eb.fn.countAll().as('n')).where('reporter', '=', reporter).where('received_at', '>=', since).executeTakeFirstOrThrow();
      return { lastOfVersion: last?.received_at ?? null, versionsSince: Number(recent.n) };
    },
    async ranking(limit) {
      const rows = await db.selectFrom('hub_reports as r').innerJoin('hub_versions as v', (j) => j.onRef('v.name', '=', 'r.name').onRef('v.version', '=', 'r.version'))
        .select((eb) => [...figureColumns(eb), 'v.title'])
        .groupBy(['r.name', 'r.version', 'v.title']).orderBy(sql`SUM(r.runs)`, 'desc').orderBy('r.name').orderBy('r.version').limit(limit).execute();
      return rows.map((r) => ({ ...toFigures(r), title: r.title }));
    },
    async figuresOf(names) {
      if (names.length === 0) return [];
      const rows = await db.selectFrom('hub_reports as r').select((eb) => figureColumns(eb)).where('r.name', 'in', [...names]).groupBy(['r.name', 'r.version']).execute();
      return rows.map(toFigures);
    },
  };
}

/** A version's reports added up, in SQL: counts, sums, and the run-weighted totals of the quantiles. */
function figureColumns(eb: ExpressionBuilder<{ r: HubTables['hub_reports'] }, 'r'>) {
  return [
    'r.name', 'r.version', eb.fn.countAll<number>().as('reports'), eb.fn.sum<number>('r.runs').as('runs'), eb.fn.sum<number>('r.succeeded').as('succeeded'),
    sql<number>`SUM(r.p50_ms * r.runs)`.as('p50_total'), sql<number>`SUM(r.p95_ms * r.runs)`.as('p95_total'),
  ] as const;
}

function toFigures(r: { name: string; version: string; reports: unknown; runs: unknown; succeeded: unknown; p50_total: unknown; p95_total: unknown }): HubReportFigures {
  const runs = Number(r.runs);
  return {
    name: r.name, version: r.version, reports: Number(r.reports), runs, succeeded: Number(r.succeeded),
    p50Ms: runs === 0 ? 0 : Math.round(Number(r.p50_total) / runs), p95Ms: runs === 0 ? 0 : Math.round(Number(r.p95_total) / runs),
  };
}

function toSummary(row: Pick<HubTables['hub_versions'], (typeof SUMMARY)[number]>): HubVersionSummary {
  return {
    name: row.name, version: row.version, title: row.title, description: row.description, contentHash: row.content_hash, publisherId: row.publisher_id,
    size: Number(row.size), tags: JSON.parse(row.tags) as string[], nodeTypes: JSON.parse(row.node_types) as string[], services: JSON.parse(row.services) as string[],
    publishedAt: row.published_at,
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Migration 0009: hub names bound to a publisher key, immutable versions, run reports; the word
 * index is an FTS5 table kept by triggers on SQLite (so an import refills it) and a GIN index over
 * `to_tsvector('simple', search_text)` on PostgreSQL. Both index the same lower-case words without
 * stemming, and queries match word prefixes, so both stores find the same versions.
 */
export async function createHubTables(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('hub_packages')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('publisher_id', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createTable('hub_versions')
    .addColumn('name', 'text', (c) => c.notNull().references('hub_packages.name'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('publisher_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('node_types', 'text', (c) => c.notNull())
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hub_versions_pk', ['name', 'version'])
    .execute();
  await db.schema.createTable('hub_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('runs', 'bigint', (c) => c.notNull())
    .addColumn('succeeded', 'bigint', (c) => c.notNull())
    .addColumn('p50_ms', 'bigint', (c) => c.notNull())
    .addColumn('p95_ms', 'bigint', (c) => c.notNull())
    .addForeignKeyConstraint('hub_reports_version', ['name', 'version'], 'hub_versions', ['name', 'version'])
    .execute();
  await db.schema.createIndex('hub_reports_version').on('hub_reports').columns(['name', 'version']).execute();
  if (isSqlite(db)) {
    // remove_diacritics 0: PostgreSQL's 'simple' configuration keeps accents too.
    await sql`CREATE VIRTUAL TABLE hub_search USING fts5(name UNINDEXED, version UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    await sql`CREATE TRIGGER hub_versions_indexed AFTER INSERT ON hub_versions BEGIN
      INSERT INTO hub_search (name, version, body) VALUES (new.name, new.version, new.search_text); END`.execute(db);
    await sql`CREATE TRIGGER hub_versions_unindexed AFTER DELETE ON hub_versions BEGIN
      DELETE FROM hub_search WHERE name = old.name AND version = old.version; END`.execute(db);
  } else {
    await sql`CREATE INDEX hub_versions_words ON hub_versions USING gin (to_tsvector('simple', search_text))`.execute(db);
  }
}

/**
 * Migration 0015: who sent a run report, as an opaque hash (`reporter`), unique per version, so a
 * sender's new report replaces its last one instead of adding to the ranking; and an index to count
 * a sender's recent reports (its budget). Reports from before have none and count as they are.
 */
export async function addHubReporters(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('hub_reports').addColumn('reporter', 'text').execute();
  await db.schema.createIndex('hub_reports_reporter_version').on('hub_reports').columns(['name', 'version', 'reporter']).unique().execute();
  await db.schema.createIndex('hub_reports_reporter_received').on('hub_reports').columns(['reporter', 'received_at']).execute();
}
