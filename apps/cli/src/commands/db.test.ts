import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';
import { dropTestSchema, freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../../../../packages/store/src/test-support/postgres-test-schema.js';

const FLOW = `osop_version: "1.1"
id: copyme
name: Copied between stores
nodes:
  - { id: start, type: system, runtime: { action: noop } }
  - { id: echo, type: cli, runtime: { command: ["node", "-e", "process.stdout.write('hi')"] } }
  - { id: check, type: human, role: clerk }
edges:
  - { from: start, to: echo }
  - { from: echo, to: check }
`;

const schemas: string[] = [];
after(async () => { for (const schema of schemas) await dropTestSchema(schema); });

async function stores() {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-db-'));
  const schema = await freshTestSchema();
  schemas.push(schema);
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

describe('sopflow db export | db import', () => {
  it('moves a store from SQLite to PostgreSQL and back with its audit chains intact; a non-empty store is refused unless --replace', async () => {
    const { sopflow, sqlite, dir } = await stores();
    writeFileSync(join(dir, 'flow.osop'), FLOW);
    assert.equal(sopflow(['users', 'add', 'cleo', '--role', 'clerk', '--db', sqlite]).status, 0);
    for (let i = 0; i < 3; i += 1) assert.equal(sopflow(['run', 'flow.osop', '--detach', '--db', sqlite]).status, 0);
    assert.equal(sopflow(['worker', '--until-idle', '--db', sqlite]).status, 0);
    const task = (JSON.parse(sopflow(['tasks', '--json', '--db', sqlite]).stdout) as { id: string }[])[0];
    assert.equal(sopflow(['task', 'complete', task.id, '--db', sqlite]).status, 0);
    const runsBefore = sopflow(['runs', '--json', '--db', sqlite]).stdout;
    const statuses = (JSON.parse(runsBefore) as { status: string }[]).map((r) => r.status).sort();
    assert.deepEqual(statuses, ['completed', 'waiting', 'waiting']);

    const dump = join(dir, 'store.jsonl');
    const exported = sopflow(['db', 'export', '--out', dump, '--db', sqlite]);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stderr, /^exported 1 workflows, 3 runs, \d+ events, 3 tasks, 1 users, \d store_meta, \d+ audit_checkpoints, 1 admin_audit, 1 admin_audit_heads\n$/, 'the directory\'s user.add is in the admin log of no tenant, and travels with the store');
    const imported = sopflow(['db', 'import', dump, '--db', TEST_POSTGRES_URL]);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^imported 1 workflows, 3 runs, \d+ events, 3 tasks, 1 users/);
    const audit = sopflow(['audit', 'verify', '--db', TEST_POSTGRES_URL]);
    assert.equal(audit.status, 0, audit.stdout + audit.stderr);
    assert.match(audit.stdout, /audit ok: 3 run\(s\)/);
    assert.equal(sopflow(['runs', '--json', '--db', TEST_POSTGRES_URL]).stdout, runsBefore);

    // The copy keeps working: finish a run on PostgreSQL.
    const pgTask = (JSON.parse(sopflow(['tasks', '--json', '--db', TEST_POSTGRES_URL]).stdout) as { id: string }[])[0];
    assert.equal(sopflow(['task', 'complete', pgTask.id, '--db', TEST_POSTGRES_URL]).status, 0);

    const again = sopflow(['db', 'import', dump, '--db', TEST_POSTGRES_URL]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /is not empty \(.*\); import only into an empty store, or give --replace to empty it first \(conflict\)/);

    // Back to a fresh SQLite file through a pipe, then verified there.
    const back = join(dir, 'back.db');
    const piped = sopflow(['db', 'export', '--db', TEST_POSTGRES_URL]);
    assert.equal(piped.status, 0, piped.stderr);
    const restored = runSopflow(['db', 'import', '-', '--db', back], { cwd: dir, env: { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') }, input: piped.stdout });
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(sopflow(['audit', 'verify', '--db', back]).stdout, /audit ok: 3 run\(s\)/);
    const backRuns = (JSON.parse(sopflow(['runs', '--json', '--db', back]).stdout) as { status: string }[]).map((r) => r.status).sort();
    assert.deepEqual(backRuns, ['completed', 'completed', 'waiting']);

    // --replace empties the target first.
    const replaced = sopflow(['db', 'import', dump, '--replace', '--db', back]);
    assert.equal(replaced.status, 0, replaced.stderr);
    assert.equal(sopflow(['runs', '--json', '--db', back]).stdout, runsBefore);
    assert.ok(!readFileSync(dump, 'utf8').includes(readFileSync(join(dir, 'audit.key'), 'utf8').trim()), 'the audit key never leaves its file');
  });
});
