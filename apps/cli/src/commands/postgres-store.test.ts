import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';
import { dropTestSchema, freshTestSchema, queryTestServer, TEST_POSTGRES_URL } from '../../../../packages/store/src/test-support/postgres-test-schema.js';

const ORDER = `osop_version: "1.1"
id: order
name: Order on PostgreSQL
nodes:
  - { id: receive, type: system, runtime: { action: noop } }
  - { id: stamp, type: cli, runtime: { command: ["node", "-e", "process.stdout.write('stamped')"] } }
  - id: pack
    type: human
    role: warehouse
    form: { type: object, required: [bin], properties: { bin: { type: string } } }
  - { id: paid, type: system }
  - { id: ship, type: system, runtime: { action: noop } }
edges:
  - { from: receive, to: stamp }
  - { from: stamp, to: pack }
  - { from: pack, to: paid, mode: signal, signal: payment }
  - { from: paid, to: ship }
`;

const schemas: string[] = [];
after(async () => { for (const schema of schemas) await dropTestSchema(schema); });

async function setup() {
  const schema = await freshTestSchema();
  schemas.push(schema);
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-pg-'));
  writeFileSync(join(dir, 'order.osop'), ORDER);
  const env = { SOPFLOW_DB_SCHEMA: schema, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
  return {
    dir, schema, env,
    /** Through SOPFLOW_DB. */
    viaEnv: (args: string[]) => runSopflow(args, { cwd: dir, env: { ...env, SOPFLOW_DB: TEST_POSTGRES_URL } }),
    /** Through --db. */
    viaFlag: (args: string[]) => runSopflow([...args, '--db', TEST_POSTGRES_URL], { cwd: dir, env }),
  };
}

describe('every command on PostgreSQL (--db postgres://… or SOPFLOW_DB)', () => {
  it('runs a process through a cli step, a form task and a signal, and its audit chain verifies, with nothing written to a SQLite file', async () => {
    const { viaEnv, viaFlag, schema, dir } = await setup();
    const started = viaEnv(['run', 'order.osop', '--detach', '--json']);
    assert.equal(started.status, 0, started.stderr);
    const { id } = JSON.parse(started.stdout) as { id: string };
    assert.equal(viaFlag(['users', 'add', 'mia', '--role', 'warehouse']).status, 0);
    const worker = viaEnv(['worker', '--until-idle']);
    assert.equal(worker.status, 0, worker.stderr);
    let tasks = JSON.parse(viaFlag(['tasks', '--json']).stdout) as { id: string; run: string; step: string }[];
    assert.deepEqual(tasks.map((t) => [t.run, t.step]), [[id, 'pack']]);
    const done = viaEnv(['task', 'complete', tasks[0].id, '--data', '{"bin":"A7"}']);
    assert.equal(done.status, 0, done.stderr);
    const signalled = viaFlag(['signal', id, 'payment']);
    assert.equal(signalled.status, 0, signalled.stderr);
    assert.equal(viaEnv(['worker', '--until-idle']).status, 0);
    const runs = JSON.parse(viaFlag(['runs', '--json']).stdout) as { id: string; status: string }[];
    assert.deepEqual(runs.map((r) => [r.id, r.status]), [[id, 'completed']]);
    tasks = JSON.parse(viaEnv(['tasks', '--json']).stdout);
    assert.deepEqual(tasks, []);
    const status = viaFlag(['status', id]);
    assert.equal(status.status, 0, status.stderr);
    assert.match(status.stdout, /completed/);
    const audit = viaEnv(['audit', 'verify']);
    assert.equal(audit.status, 0, audit.stderr);
    // The operator's `users add` above is in the store-wide admin log, checked beside the run.
    assert.match(audit.stdout, new RegExp(`audit ok: 1 run\\(s\\), \\d+ event\\(s\\), [1-9]\\d* admin log row\\(s\\) of the store-wide directory log in ${TEST_POSTGRES_URL.replace(/[.]/g, '\\.')}`));
    // The rows really are in the schema, and no SQLite database was made in the working directory.
    const stored = await queryTestServer(`SELECT status FROM ${schema}.runs WHERE id = $1`, [id]);
    assert.deepEqual(stored.rows, [{ status: 'completed' }]);
    const events = await queryTestServer(`SELECT type FROM ${schema}.events WHERE run_id = $1 ORDER BY seq`, [id]);
    assert.ok(events.rows.some((r: { type: string }) => r.type === 'StepCompleted'), JSON.stringify(events.rows));
    assert.equal(runSopflow(['runs', '--db', join(dir, '.sopflow', 'sopflow.db')], { cwd: dir }).status, 1, 'no SQLite file was created');
  });

  it('a read-only command on a schema that does not exist is not_found and creates nothing', async () => {
    const { viaEnv, schema } = await setup();
    const result = viaEnv(['runs']);
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`no sopflow schema at postgres://postgres@127\\.0\\.0\\.1:5432/test \\(schema ${schema}\\).*\\(not_found\\)`));
    const exists = await queryTestServer('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    assert.equal(exists.rowCount, 0);
  });

  it('an unreachable server is `unavailable` (exit 1), named without its password, with no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-pg-'));
    writeFileSync(join(dir, 'order.osop'), ORDER);
    for (const args of [['runs'], ['run', 'order.osop', '--detach']]) {
      const result = runSopflow([...args, '--db', 'postgres://ann:s3cret-pw@127.0.0.1:1/sopflow'], { cwd: dir, env: { SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') } });
      assert.equal(result.status, 1, result.stderr);
      assert.match(result.stderr, /cannot reach PostgreSQL at postgres:\/\/ann@127\.0\.0\.1:1\/sopflow .*\(unavailable\)/);
      assert.doesNotMatch(result.stderr + result.stdout, /s3cret-pw/);
      assert.ok(!hasStackTrace(result.stderr), result.stderr);
    }
  });
});
