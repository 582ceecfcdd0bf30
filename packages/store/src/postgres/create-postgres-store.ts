import { sql } from 'kysely';
import { createProcessRecords } from '../process-os/create-process-records.js';
import { sealAdminChains } from '../process-os/admin-audit-records.js';
import type { ProcessOsAccess } from '../process-os/process-records.js';
import type pg from 'pg';
import type { RunStore } from '@sopflow/engine';
import type { AuditKey } from '../audit/audit-key.js';
import type { StoreDatabase } from '../schema/database.js';
import { createStoreReads } from '../schema/create-store-reads.js';
import { createWorkerRecords } from '../schema/worker-records.js';
import { refuseWrites } from '../sqlite/refuse-writes.js';
import { createHeldHeads } from './append-on-held-head.js';
import { describePostgresError, openPostgresPool, type PostgresOptions } from './open-postgres-pool.js';
import { createHeldAppendBatcher } from './held-append-batcher.js';
import { appendToPostgres } from './postgres-append.js';
import { createPostgresAudit, settlePostgresAuditKey } from './postgres-audit.js';
import { createPostgresLeases } from './postgres-leases.js';
import { createPostgresRunReads } from './postgres-run-reads.js';
import { createPostgresWorkSignal } from './postgres-work-signal.js';
import { createPostgresUserDirectory } from './postgres-user-directory.js';
import { createPostgresChangeVersions } from './postgres-change-versions.js';
import { preparePostgresSchema } from './prepare-postgres-schema.js';
import { postgresKysely } from './postgres-kysely.js';

/** Text ordered bytewise, as SQLite orders it, whatever the database's collation. */
const bytewise = (column: string) => sql`${sql.ref(column)} COLLATE "C"`;

/**
 * The PostgreSQL store: the same contract, migrations and audit as SQLite, for several workers on
 * several machines. kysely (PostgresDialect) runs the migrations and the reads (a worker's per-run reads are named
 * statements, `createPostgresRunReads`); appends, leases,
 * users and checkpoints run as explicit transactions on one pooled connection with named
 * (prepared) statements: the run row is locked `FOR UPDATE` so a stale `expectedVersion` writes
 * nothing, and `claimRuns` uses `FOR UPDATE SKIP LOCKED`; an append under a lease is one
 * statement checked against the head the claim or the previous append left, shared by the appends of several runs ready at the same
 * time (`createHeldAppendBatcher`). `schema` (default `public`) keeps one
 * store per PostgreSQL schema; `{ readonly: true }` creates and migrates nothing.
 * @example const store = await createPostgresStore('postgres://sopflow@db.internal/sopflow', { schema: 'ops', auditKey: loadAuditKey(keyFile) });
 */
export async function createPostgresStore(target: string | pg.PoolConfig, options: PostgresOptions = {}): Promise<RunStore & ProcessOsAccess> {
  const readonly = options.readonly === true;
  const { pool, clientConfig, schema, label } = openPostgresPool(target, options);
  const db = postgresKysely<StoreDatabase>(pool, schema);
  let auditKey: AuditKey | undefined;
  try {
    await preparePostgresSchema(db, schema, label, readonly);
    auditKey = await settlePostgresAuditKey(pool, label, options.auditKey, readonly);
    if (auditKey !== undefined && !readonly) await sealAdminChains(db as never, auditKey);
  } catch (error) {
    await db.destroy();
    throw describePostgresError(error, label, readonly);
  }
  const work = createPostgresWorkSignal(pool, clientConfig, schema);
  const heads = createHeldHeads();
  const leases = createPostgresLeases(pool, label, work.channel, heads);
  const directory = createPostgresUserDirectory(pool, label);
  const audit = createPostgresAudit(pool, label, auditKey);
  const versions = createPostgresChangeVersions(clientConfig, schema);
  const batcher = createHeldAppendBatcher(pool, auditKey, heads);

  const store: RunStore & ProcessOsAccess = {
    processRecords: createProcessRecords(db, { auditKey }),
    async append(request) {
      return appendToPostgres(pool, label, request, auditKey, work.channel, heads, batcher);
    },
    ...createStoreReads(db, bytewise),
    ...createPostgresRunReads(pool),
    ...leases,
    ...createWorkerRecords(db),
    async verifyAuditChain(runId?: string) {
      return audit.verify(runId);
    },
    async writeAuditCheckpoint(now = new Date()) {
      return audit.writeCheckpoint(now);
    },
    ...directory,
    waitForWork: (signal, maxMs) => work.waitForWork(signal, maxMs),
    changeVersions: { credentials: versions.credentials, library: versions.library },
    async close() {
      await versions.close();
      await work.close();
      await db.destroy();
    },
  };
  return readonly ? { ...refuseWrites(store, label), processRecords: store.processRecords } : store;
}
