import pg from 'pg';

/** The server the CLI's PostgreSQL tests use: SOPFLOW_TEST_POSTGRES_URL, else the local one (trust auth, database `test`). */
export const TEST_POSTGRES_URL = process.env.SOPFLOW_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

let counter = 0;

/** Runs one statement on the test server; fails (never skips) with a clear message when it cannot be reached. */
export async function queryTestServer(text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new Error(`the PostgreSQL CLI tests need a server at ${TEST_POSTGRES_URL}, which cannot be reached (${(error as Error).message}); `
      + 'start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start) or point SOPFLOW_TEST_POSTGRES_URL at one');
  }
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A schema name no other test process uses (created by the first writing sopflow command), and how to drop it. */
export async function freshTestSchema(tag: string): Promise<{ schema: string; drop: () => Promise<void> }> {
  await queryTestServer('SELECT 1');
  counter += 1;
  const schema = `sopflow_cli_${tag}_${process.pid}_${Date.now().toString(36)}_${counter}`;
  return { schema, drop: async () => { await queryTestServer(`DROP SCHEMA IF EXISTS ${schema} CASCADE`); } };
}
