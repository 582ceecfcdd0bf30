import pg from 'pg';

/** The server every PostgreSQL test uses (store, server and CLI): SOPFLOW_TEST_POSTGRES_URL, else the local one (trust auth, database `test`). */
export const TEST_POSTGRES_URL = process.env.SOPFLOW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let counter = 0;

/** Runs one statement on the test server, failing (never skipping) with a clear message when it cannot be reached. */
export async function queryTestServer(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(`the PostgreSQL tests need a server at ${TEST_POSTGRES_URL}, which cannot be reached (${(error as Error).message}); `
      + 'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or point SOPFLOW_TEST_POSTGRES_URL at one');
  }
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A schema name no other test (or test process) uses; the schema itself is created by the store. */
export async function freshTestSchema(): Promise<string> {
  await queryTestServer('SELECT 1');
  counter += 1;
  return `sopflow_test_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

/** Drops a test schema and everything in it. */
export async function dropTestSchema(schema: string): Promise<void> {
  await queryTestServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
