import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';

const RELEASE = `osop_version: "1.1"
id: release
name: Release a batch
nodes:
  - { id: pack, type: human, role: warehouse, name: Pack the batch }
  - { id: release, type: system, auth_level: supervisor, runtime: { action: noop } }
edges:
  - { from: pack, to: release }
`;

const ME = userInfo().username;

/** A fresh folder with the workflow and its own database; `run` calls the real binary there as the OS user running the tests. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-approve-'));
  writeFileSync(join(dir, 'release.osop'), RELEASE);
  const db = join(dir, 'state.db');
  // One audit key for the store, whoever runs the binary (each OS user's default key would differ).
  const keyFile = join(dir, 'audit.key');
  const run = (args: string[]) => runSopflow([...args, '--db', db], { cwd: dir, env: { SOPFLOW_AUDIT_KEY_FILE: keyFile } });
  const start = (): { id: string; task: string } => {
    const started = run(['run', 'release.osop', '--json']);
    assert.equal(started.status, 0, started.stderr);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const tasks = JSON.parse(run(['tasks', '--json']).stdout) as { id: string; run: string; kind: string }[];
    return { id, task: tasks.find((t) => t.run === id)!.id };
  };
  const openTask = () => (JSON.parse(run(['tasks', '--json']).stdout) as { id: string; kind: string }[])[0];
  return { dir, db, keyFile, run, start, openTask };
}

describe('identity from the OS user, checked against the store\'s directory', () => {
  it('an OS user the directory does not know is refused with how an admin adds them (exit 1, nothing stored)', () => {
    const { run, start } = setup();
    const { task } = start();
    const refused = run(['task', 'complete', task]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`OS user "${ME}" is not a user of this store's directory; this store has no users yet: the first \`sopflow users add NAME --role ROLE\` makes you its admin \\(unauthenticated\\)`));
    assert.ok(!hasStackTrace(refused.stderr));
    assert.equal(JSON.parse(run(['tasks', '--json']).stdout).length, 1, 'the task is still open');
  });

  it('refuses a user without the role (exit 1, nothing stored), accepts after the role is given; a level below auth_level is refused', () => {
    const { run, start, openTask } = setup();
    const { id, task } = start();
    assert.equal(run(['users', 'add', 'ada', '--role', 'lead']).status, 0);
    const before = run(['log', id]).stdout;
    const noRole = run(['task', 'complete', task]);
    assert.equal(noRole.status, 1);
    assert.match(noRole.stderr, /task \S+ needs the role warehouse; ada holds lead \(not_authorised\)/);
    assert.equal(run(['log', id]).stdout, before, 'nothing recorded');
    assert.equal(run(['users', 'set', 'ada', '--role', 'warehouse', '--level', 'operator']).status, 0);
    const done = run(['task', 'complete', task]);
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /task \S+ completed; run \S+ is waiting/);
    const auth = openTask();
    assert.equal(auth.kind, 'auth');
    const low = run(['approve', auth.id]);
    assert.equal(low.status, 1);
    assert.match(low.stderr, /needs supervisor or above; ada is operator \(auth_level_too_low\)/);
    assert.equal(run(['users', 'set', 'ada', '--level', 'supervisor']).status, 0);
    assert.equal(run(['approve', auth.id]).status, 0);
    const status = JSON.parse(run(['status', id, '--json']).stdout) as { status: string };
    assert.equal(status.status, 'completed');
    const log = run(['log', id]).stdout;
    assert.match(log, /level_verified: true/);
  });

  it('--by and --users are gone; --on-behalf-of is recorded as entered by the admin for the user', () => {
    const { run, start, db } = setup();
    const { id, task } = start();
    assert.equal(run(['users', 'add', 'ada', '--role', 'lead']).status, 0);
    assert.equal(run(['users', 'add', 'wes', '--role', 'warehouse', '--os-user', 'wes-account']).status, 0);
    assert.equal(run(['task', 'complete', task, '--by', 'wes']).status, 2, '--by is an unknown option');
    assert.equal(runSopflow(['approve', task, '--users', 'people.yaml', '--db', db]).status, 2);
    const missing = run(['task', 'complete', task, '--on-behalf-of', 'nobody']);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no user named nobody/);
    const entered = run(['task', 'complete', task, '--on-behalf-of', 'wes']);
    assert.equal(entered.status, 0, entered.stderr);
    assert.match(entered.stdout, /entered by ada for wes/);
    const status = JSON.parse(run(['status', id, '--json']).stdout) as { entered: { by: string; entered_by: string }[] };
    assert.deepEqual(status.entered.map((e) => [e.by, e.entered_by]), [['wes', 'ada']]);
    assert.match(run(['status', id]).stdout, /pack: entered by ada for wes/);
    assert.match(run(['log', id]).stdout, /by: wes[\s\S]*entered_by: ada/);
  });

  it('a second OS user: a non-admin may not act on behalf of others or add users (runs the binary as nobody; root only)', (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('needs root to run the binary as another OS user');
      return;
    }
    const { run, start, dir, db, keyFile } = setup();
    const { task } = start();
    assert.equal(run(['users', 'add', 'ada', '--role', 'lead']).status, 0);
    assert.equal(run(['users', 'add', 'wes', '--role', 'warehouse', '--os-user', 'nobody']).status, 0);
    assert.equal(run(['users', 'add', 'olga', '--role', 'warehouse']).status, 0);
    for (const f of [dir, db, `${db}-wal`, `${db}-shm`]) {
      try { chmodSync(f, 0o777); } catch { /* the -wal/-shm files may not exist */ }
    }
    chownSync(keyFile, 65534, 65534);
    const asNobody = (args: string[]) => spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SOPFLOW_BIN, ...args, '--db', db], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: dir, SOPFLOW_AUDIT_KEY_FILE: keyFile },
    });
    const behalf = asNobody(['task', 'complete', task, '--on-behalf-of', 'olga']);
    assert.equal(behalf.status, 1, behalf.stderr);
    assert.match(behalf.stderr, /only an admin may act on behalf of another user; wes is not an admin \(not_authorised\)/);
    const add = asNobody(['users', 'add', 'eve', '--role', 'warehouse']);
    assert.equal(add.status, 1);
    assert.match(add.stderr, /only an admin may add users/);
    const own = asNobody(['task', 'complete', task]);
    assert.equal(own.status, 0, own.stderr);
    assert.match(run(['log', JSON.parse(run(['runs', '--json']).stdout)[0].id]).stdout, /by: wes/);
  });
});
