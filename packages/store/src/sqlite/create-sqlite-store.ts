import { Kysely, SqliteDialect } from 'kysely';
import { createProcessRecords } from '../process-os/create-process-records.js';
import { sealAdminChains } from '../process-os/admin-audit-records.js';
import type { ProcessOsAccess } from '../process-os/process-records.js';
import type { RunStore } from '@sopflow/engine';
import type { StoreAuditReport } from '../audit/run-audit.js';
import type { StoreDatabase } from '../schema/database.js';
import { storeMigrations } from '../schema/migrations.js';
import { createWorkerRecords } from '../schema/worker-records.js';
import { createStoreReads } from '../schema/create-store-reads.js';
import { StoreError } from '../store-error.js';
import { openSqliteDatabase, type SqliteOptions } from './open-sqlite-database.js';
import { createSqliteWriter } from './sqlite-writer.js';
import { checkSchemaVersion } from './check-schema-version.js';
import { runSqliteMigrations } from './run-sqlite-migrations.js';
import { refuseWrites } from './refuse-writes.js';
import { retryBusy } from './retry-busy.js';
import { createSqliteAudit, settleAuditKey } from './sqlite-audit.js';
import { createSqliteUserDirectory } from './sqlite-user-directory.js';
import { createSqliteChangeVersions } from './sqlite-change-versions.js';

/**
 * The SQLite store: kysely for the schema and every read (the same code serves PostgreSQL), and
 * prepared better-sqlite3 statements in BEGIN IMMEDIATE transactions for appends, leases and users,
 * retried while another process holds the write lock. `{ readonly: true }` creates and migrates
 * nothing; `{ auditKey }` keys the audit (see the package README's threat model).
 * @example const store = await createSqliteStore('.sopflow/sopflow.db', { auditKey: loadAuditKey(keyFile) });
 */
export async function createSqliteStore(file: string, options: SqliteOptions = {}): Promise<RunStore & ProcessOsAccess> {
  const readonly = options.readonly === true;
  const sqlite = openSqliteDatabase(file, options);
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  let auditKey: SqliteOptions['auditKey'];
  try {
    const pending = checkSchemaVersion(sqlite, file, Object.keys(await storeMigrations.getMigrations()), readonly);
    if (!readonly && pending.length > 0) { // up to date: no write lock taken (it would wait behind a long writer)
      const { error } = await runSqliteMigrations(db as Kysely<unknown>);
      if (error !== undefined) {
        const message = (error as Error).message ?? String(error);
        if (/not a database|malformed|corrupt/i.test(message)) throw new StoreError('corrupt_database', `${file} is not a usable sopflow database (${message})`);
        throw new StoreError('migration_failed', `cannot prepare ${file}: ${message}`);
      }
    }
    auditKey = settleAuditKey(sqlite, file, options.auditKey, readonly);
    if (auditKey !== undefined && !readonly) await sealAdminChains(db, auditKey, sqlite);
  } catch (error) {
    await db.destroy();
    if (error instanceof StoreError) throw error;
    const message = (error as Error).message;
    if (/not a database|malformed|corrupt/i.test(message)) throw new StoreError('corrupt_database', `${file} is not a usable sopflow database (${message})`);
    throw new StoreError('open_failed', `cannot open ${file}: ${message}`);
  }
  const writer = createSqliteWriter(sqlite, auditKey);
  const directory = createSqliteUserDirectory(sqlite, file, options.busyRetry);
  const audit = createSqliteAudit(sqlite, file, auditKey, options.busyRetry);
  const write = <T>(fn: () => T): Promise<T> => retryBusy(file, fn, options.busyRetry);

  const store: RunStore & ProcessOsAccess = {
    processRecords: createProcessRecords(db, { auditKey, sqlite: { db: sqlite, write } }),
    async append(request) {
      return write(() => writer.append(request));
    },
    ...createStoreReads(db),
    async claimRuns(holder, now, ttlMs, limit, scope) {
      return write(() => writer.claimRuns(holder, now.getTime(), now.toISOString(), ttlMs, limit, scope));
    },
    ...createWorkerRecords(db),
    async acquireLease(runId, holder, now, ttlMs, children) {
      return write(() => writer.acquireLease(runId, holder, now.getTime(), ttlMs, children));
    },
    async releaseLease(runId, owner) {
      await write(() => writer.releaseLease(runId, owner));
    },
    async listLeases(runIds) {
      return writer.listLeases(runIds);
    },
    async breakLease(runId, owner) {
      return write(() => writer.breakLease(runId, owner));
    },
    async verifyAuditChain(runId?: string): Promise<StoreAuditReport> {
      return audit.verify(runId);
    },
    async writeAuditCheckpoint(now = new Date()) {
      return audit.writeCheckpoint(now);
    },
    ...directory,
    changeVersions: createSqliteChangeVersions(sqlite),
    async close() {
      await db.destroy();
    },
  };
  return readonly ? { ...refuseWrites(store, file), processRecords: store.processRecords } : store;
}
