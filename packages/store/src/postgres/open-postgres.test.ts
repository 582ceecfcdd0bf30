import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { createPostgresStore, StoreError, type AppendRequest } from '../index.js';
import { postgresKysely } from './postgres-kysely.js';
import { storeMigrations } from '../schema/migrations.js';
import { runPostgresMigrations } from './run-postgres-migrations.js';
import { dropTestSchema, freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';
import { writeSampleRun } from '../test-support/sample-run.js';

const isStoreError = (code: string, message?: RegExp) => (e: unknown) => e instanceof StoreError && e.code === code && (message === undefined || message.test(e.message));
const schemaExists = async (schema: string) => (await queryTestServer('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
const holder = { owner: 'w', host: 'h', pid: 1, processStartedAt: 0 };

/** Runs the store's migrations up to (and including) `last` in `schema`, as an older sopflow would have. */
async function migrateTo(schema: string, last: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${schema}` });
  const db = postgresKysely<unknown>(pool, schema);
  const { error } = await runPostgresMigrations(db, schema, last);
  await db.destroy();
  if (error !== undefined) throw error;
}

describe('postgres store opening', () => {
  it('refuses a schema that does not exist with not_found when reading, and creates nothing', async () => {
    const schema = await freshTestSchema();
    await assert.rejects(createPostgresStore(TEST_POSTGRES_URL, { schema, readonly: true }), isStoreError('not_found', new RegExp(`no sopflow schema at postgres://postgres@127.0.0.1:5432/test \\(schema ${schema}\\)`)));
    assert.equal(await schemaExists(schema), false);
  });

  it('refuses a database that does not exist with not_found when reading, and names the server without the password', async () => {
    const url = new URL(TEST_POSTGRES_URL);
    url.pathname = '/sopflow_no_such_database';
    url.password = 'secret-pw';
    const error = await createPostgresStore(url.href, { readonly: true }).catch((e: unknown) => e);
    assert.ok(isStoreError('not_found', /no sopflow database at postgres:\/\/postgres@127.0.0.1:5432\/sopflow_no_such_database/)(error), String(error));
    assert.doesNotMatch((error as Error).message, /secret-pw/);
  });

  it('says which server it cannot reach, without the password', async () => {
    const error = await createPostgresStore('postgres://ann:secret-pw@127.0.0.1:1/sopflow').catch((e: unknown) => e);
    assert.ok(isStoreError('open_failed', /cannot reach PostgreSQL at postgres:\/\/ann@127.0.0.1:1\/sopflow \(schema public\): .*ECONNREFUSED/)(error), String(error));
    assert.doesNotMatch((error as Error).message, /secret-pw/);
  });

  it('refuses a schema name that is not a plain lower-case identifier before connecting', async () => {
    await assert.rejects(createPostgresStore(TEST_POSTGRES_URL, { schema: 'ops; drop table runs' }), isStoreError('invalid_request', /must be lower-case letters, digits and _/));
  });

  it('reads an existing store read-only and refuses every write with read_only', async () => {
    const schema = await freshTestSchema();
    const writer = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    await writeSampleRun(writer, 'a', 2);
    await writer.close();
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema, readonly: true });
    assert.equal((await store.getRun('a'))?.status, 'waiting');
    assert.equal((await store.readEvents('a')).length, 3);
    assert.equal((await store.verifyAuditChain()).ok, true);
    const request: AppendRequest = { runId: 'a', expectedVersion: 3, events: [], run: { id: 'a', workflowId: 'wf', workflowHash: 'x', status: 'running', startedAt: '', runnable: true } };
    await assert.rejects(store.append(request), isStoreError('read_only', /opened read-only; append needs a writing command/));
    await assert.rejects(store.claimRuns(holder, new Date(), 1000, 1), isStoreError('read_only'));
    await assert.rejects(store.acquireLease('a', holder, new Date(), 1000), isStoreError('read_only'));
    await assert.rejects(store.breakLease('a', 'w'), isStoreError('read_only'));
    await assert.rejects(store.putUser({ name: 'ann' }), isStoreError('read_only'));
    await assert.rejects(store.writeAuditCheckpoint(), isStoreError('read_only'));
    await store.close();
    await dropTestSchema(schema);
  });

  it('refuses an older schema read-only without migrating it, and a writable open upgrades it keeping its runs', async () => {
    const schema = await freshTestSchema();
    await migrateTo(schema, '0002_directory');
    await queryTestServer(`INSERT INTO ${schema}.leases (run_id, owner, expires_at) VALUES ('old', 'w0', 5)`);
    await assert.rejects(createPostgresStore(TEST_POSTGRES_URL, { schema, readonly: true }), isStoreError('store_too_old', /older sopflow \(schema 0003_lease_holder(, [\w, ]+)? not applied yet\)/));
    const applied = async () => (await queryTestServer(`SELECT name FROM ${schema}.kysely_migration ORDER BY name`)).rows.map((r) => r.name as string);
    assert.deepEqual(await applied(), ['0001_runs_events', '0002_directory']);
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    assert.deepEqual(await applied(), Object.keys(await storeMigrations.getMigrations()));
    assert.deepEqual(await store.listLeases(), [{ runId: 'old', owner: 'w0', host: '', pid: 0, processStartedAt: 0, expiresAt: 5, children: [], epoch: 0 }]);
    await writeSampleRun(store, 'a');
    assert.equal((await store.verifyAuditChain()).ok, true);
    await store.close();
    await dropTestSchema(schema);
  });

  it('refuses a schema written by a newer sopflow in both modes', async () => {
    const schema = await freshTestSchema();
    await (await createPostgresStore(TEST_POSTGRES_URL, { schema })).close();
    await queryTestServer(`INSERT INTO ${schema}.kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01')`);
    for (const readonly of [true, false]) {
      await assert.rejects(createPostgresStore(TEST_POSTGRES_URL, { schema, readonly }), isStoreError('store_too_new', /newer sopflow \(schema 9999_from_the_future is unknown here\); upgrade sopflow/));
    }
    await dropTestSchema(schema);
  });

  it('keeps the schema when the connection string carries its own server options', async () => {
    const schema = await freshTestSchema();
    const url = new URL(TEST_POSTGRES_URL);
    url.searchParams.set('options', '-c statement_timeout=60000');
    const store = await createPostgresStore(url.href, { schema });
    await writeSampleRun(store, 'a', 1);
    await store.close();
    assert.equal((await queryTestServer(`SELECT count(*)::int AS n FROM ${schema}.runs`)).rows[0].n, 1);
    await dropTestSchema(schema);
  });

  it('keeps two schemas of one database apart', async () => {
    const [first, second] = [await freshTestSchema(), await freshTestSchema()];
    const one = await createPostgresStore(TEST_POSTGRES_URL, { schema: first });
    const two = await createPostgresStore(TEST_POSTGRES_URL, { schema: second });
    await writeSampleRun(one, 'a', 1);
    assert.deepEqual((await one.listRuns()).map((r) => r.id), ['a']);
    assert.deepEqual(await two.listRuns(), []);
    await one.close();
    await two.close();
    await dropTestSchema(first);
    await dropTestSchema(second);
  });

  it('migrates by looking at its own schema only, so other schemas changing meanwhile cannot fail it', async () => {
    const [mine, other] = [await freshTestSchema(), await freshTestSchema()];
    await queryTestServer(`CREATE SCHEMA ${other}; CREATE TABLE ${other}.kysely_migration (name text); CREATE TABLE ${other}.hub_reports (id serial)`);
    const pool = new pg.Pool({ connectionString: TEST_POSTGRES_URL, options: `-c search_path=${mine}` });
    const db = postgresKysely<unknown>(pool, mine);
    assert.deepEqual(await db.introspection.getSchemas(), [], 'no schema yet');
    assert.equal((await runPostgresMigrations(db, mine)).error, undefined);
    assert.deepEqual((await db.introspection.getSchemas()).map((s) => s.name), [mine]);
    const tables = await db.introspection.getTables();
    assert.ok(tables.length > 10 && tables.every((t) => t.schema === mine), JSON.stringify(tables.map((t) => `${t.schema}.${t.name}`)));
    assert.ok(tables.some((t) => t.name === 'kysely_migration') && tables.some((t) => t.name === 'hub_reports'));
    // The other schema vanishing mid-open is what failed before: the default introspection read every schema's columns.
    await dropTestSchema(other);
    assert.deepEqual((await runPostgresMigrations(db, mine)).results, []);
    await db.destroy();
    await dropTestSchema(mine);
  });
});
