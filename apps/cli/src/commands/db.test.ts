import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';
import { freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

const drops: (() => Promise<void>)[] = [];
after(async () => { for (const drop of drops) await drop(); });

async function stores() {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-db-'));
  const { schema, drop } = await freshTestSchema('db');
  drops.push(drop);
  const env = { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), SOPFLOW_DB_SCHEMA: schema };
  return { dir, schema, env, sqlite: join(dir, 'state.db'), sopflow: (args: string[]) => runSopflow(args, { cwd: dir, env }) };
}

describe('sopflow db migrate', () => {
  for (const kind of ['sqlite', 'postgres'] as const) {
    it(`on ${kind}: --status lists every migration pending on a fresh store (creating nothing), migrate runs them and says which, a second migrate has nothing to do`, async () => {
      const { sopflow, sqlite, schema } = await stores();
      const db = kind === 'sqlite' ? sqlite : TEST_POSTGRES_URL;
      const status = sopflow(['db', 'migrate', '--status', '--db', db, '--json']);
      assert.equal(status.status, 0, status.stderr);
      const pending = (JSON.parse(status.stdout) as { pending: string[] }).pending;
      assert.ok(pending.length >= 3 && pending[0] === '0001_runs_events', status.stdout);
      if (kind === 'sqlite') assert.equal(existsSync(sqlite), false);
      else assert.equal((await queryTestServer('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount, 0);
      const migrated = sopflow(['db', 'migrate', '--db', db]);
      assert.equal(migrated.status, 0, migrated.stderr);
      assert.match(migrated.stdout, new RegExp(`^migrated .*: ran ${pending.join(', ')} \\(${pending.length} migrations applied\\)\\n$`));
      const again = sopflow(['db', 'migrate', '--db', db]);
      assert.match(again.stdout, new RegExp(`is up to date \\(${pending.length} migrations applied\\)`));
      const listed = sopflow(['db', 'migrate', '--status', '--db', db]);
      assert.equal(listed.stdout.split('\n').filter((l) => /^ {2}applied {2}\d{4}_/.test(l)).length, pending.length);
      assert.match(listed.stdout, /up to date/);
    });
  }

  it('a SQLite store written by a newer sopflow: every command refuses it with store_too_new and exit 1, migrate too, and the file is unchanged', async () => {
    const { sopflow, sqlite } = await stores();
    assert.equal(sopflow(['db', 'migrate', '--db', sqlite]).status, 0);
    const raw = new Database(sqlite);
    raw.prepare("INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', '2030-01-01T00:00:00.000Z')").run();
    raw.close();
    for (const args of [['runs'], ['worker', '--until-idle'], ['db', 'migrate']]) {
      const result = sopflow([...args, '--db', sqlite]);
      assert.equal(result.status, 1, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /written by a newer sopflow \(schema 9999_from_the_future is unknown here\); upgrade sopflow to open it/);
      assert.ok(!hasStackTrace(result.stderr));
    }
    const status = sopflow(['db', 'migrate', '--status', '--db', sqlite]);
    assert.equal(status.status, 1);
    assert.match(status.stdout, /applied {2}9999_from_the_future .*unknown to this sopflow/);
  });

  it('a PostgreSQL server that cannot be reached is `unavailable`, named without the password', async () => {
    const { sopflow } = await stores();
    const result = sopflow(['db', 'migrate', '--db', 'postgres://ann:s3cret@127.0.0.1:1/sopflow']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /cannot reach PostgreSQL at postgres:\/\/ann@127\.0\.0\.1:1\/sopflow .*\(unavailable\)/);
    assert.doesNotMatch(result.stderr, /s3cret/);
  });
});
