import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { openWorkspace } from '@sopflow/service';
import { hasStackTrace, runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';

const PACK = `osop_version: "1.1"
id: pack
name: Pack
nodes:
  - { id: pack, type: human, role: warehouse, name: Pack the order }
`;

describe('sopflow cancel', () => {
  it('records the OS user\'s directory user as who cancelled, never $USER', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cancel-'));
    const db = join(dir, 'state.db');
    const env = { HOME: dir, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), USER: 'someone-else' };
    writeFileSync(join(dir, 'pack.osop'), PACK);
    assert.equal(runSopflow(['users', 'add', 'ada', '--role', 'warehouse', '--db', db], { cwd: dir, env }).status, 0);
    const { id } = JSON.parse(runSopflow(['run', 'pack.osop', '--db', db, '--json'], { cwd: dir, env }).stdout) as { id: string };
    const cancel = runSopflow(['cancel', id, '--db', db, '--reason', 'order withdrawn'], { cwd: dir, env });
    assert.equal(cancel.status, 0, cancel.stderr);
    assert.match(cancel.stdout, new RegExp(`run ${id} cancelled`));
    const ws = await openWorkspace({ db, readonly: true, env });
    try {
      const cancelled = (await ws.store.readEvents(id)).find((e) => e.type === 'RunCancelled')?.data as { reason?: string; by?: string } | undefined;
      assert.deepEqual([cancelled?.reason, cancelled?.by], ['order withdrawn', 'ada']);
    } finally {
      await ws.close();
    }
  });

  it('refuses an OS user who is no user of the directory, and the run keeps waiting (root only: runs the binary as nobody)', (t) => {
    if (process.getuid?.() !== 0) {
      t.skip('needs root to run the binary as another OS user');
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cancel-nobody-'));
    const db = join(dir, 'state.db');
    const keyFile = join(dir, 'audit.key');
    const env = { HOME: dir, SOPFLOW_AUDIT_KEY_FILE: keyFile };
    writeFileSync(join(dir, 'pack.osop'), PACK);
    assert.equal(runSopflow(['users', 'add', 'ada', '--role', 'warehouse', '--os-user', userInfo().username, '--db', db], { cwd: dir, env }).status, 0);
    const { id } = JSON.parse(runSopflow(['run', 'pack.osop', '--db', db, '--json'], { cwd: dir, env }).stdout) as { id: string };
    for (const f of [dir, db, `${db}-wal`, `${db}-shm`]) {
      try { chmodSync(f, 0o777); } catch { /* the -wal/-shm files may not exist */ }
    }
    chownSync(keyFile, 65534, 65534);
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, SOPFLOW_BIN, 'cancel', id, '--db', db], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /the OS user "nobody" is not a user of this store's directory.*\(unauthenticated\)/);
    assert.ok(!hasStackTrace(r.stderr));
    chownSync(keyFile, 0, 0);
    const runs = JSON.parse(runSopflow(['runs', '--db', db, '--json'], { cwd: dir, env }).stdout) as { id: string; status: string }[];
    assert.deepEqual(runs.map((x) => x.status), ['waiting']);
  });
});
