import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { runSopflow } from '../test-support/run-sopflow.js';

const ME = userInfo().username;

describe('sopflow users', () => {
  it('the first user becomes the admin mapped to the OS user; list shows the directory; remove keeps the last admin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-users-'));
    const db = join(dir, 'state.db');
    const run = (args: string[]) => runSopflow([...args, '--db', db], { cwd: dir });
    const first = run(['users', 'add', 'ada', '--role', 'lead', '--role', 'manager', '--level', 'supervisor']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, new RegExp(`added ada \\(roles lead, manager; level supervisor; admin; OS user ${ME}\\) — the first user of .*state\\.db, so its admin`));
    assert.equal(run(['users', 'add', 'wes', '--role', 'warehouse']).status, 0);
    const dup = run(['users', 'add', 'wes', '--role', 'warehouse']);
    assert.equal(dup.status, 1);
    assert.match(dup.stderr, /a user named wes already exists/);
    assert.equal(run(['users', 'add', 'bad name', '--role', 'x']).status, 2, 'a malformed name is a usage error');
    const listed = JSON.parse(run(['users', 'list', '--json']).stdout) as { version: number; users: { name: string; roles: string[]; admin: boolean; os_user: string | null }[] };
    assert.ok(listed.version >= 2);
    assert.deepEqual(listed.users.map((u) => [u.name, u.roles, u.admin, u.os_user]), [['ada', ['lead', 'manager'], true, ME], ['wes', ['warehouse'], false, null]]);
    const last = run(['users', 'remove', 'ada']);
    assert.equal(last.status, 1);
    assert.match(last.stderr, /only admin/);
    assert.equal(run(['users', 'remove', 'wes']).status, 0);
    assert.match(run(['users', 'list']).stdout, /^ada \(roles lead, manager; level supervisor; admin; OS user \S+\)\n$/);
  });

  it('read-only commands never create a database: a typo in --db is an error naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-readonly-'));
    const typo = join(dir, 'sub', 'tpyo.db');
    for (const args of [['runs'], ['status', 'r-1'], ['tasks'], ['audit', 'verify'], ['log', 'r-1'], ['users', 'list']]) {
      const r = runSopflow([...args, '--db', typo], { cwd: dir });
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /no database at .*sub\/tpyo\.db/);
      assert.ok(!existsSync(join(dir, 'sub')), `${args.join(' ')} created a folder`);
    }
    assert.ok(!existsSync(join(dir, '.sopflow')));
  });
});
