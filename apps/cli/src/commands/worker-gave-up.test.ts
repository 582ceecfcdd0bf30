import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runSopflow } from '../test-support/run-sopflow.js';

const ONE_STEP = `osop_version: "1.1"
id: one
name: One step
nodes:
  - { id: only, type: system, runtime: { action: noop } }
`;

describe('sopflow worker --until-idle with a run it cannot take over (real binary)', () => {
  it('exits 1 naming the run and why (its pinned workflow was altered), instead of exiting 0 with the run left running', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-gave-up-'));
    const db = join(dir, 'state.db');
    writeFileSync(join(dir, 'one.osop'), ONE_STEP);
    const started = runSopflow(['run', 'one.osop', '--detach', '--json', '--db', db], { cwd: dir });
    assert.equal(started.status, 0, started.stderr);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const sqlite = new Database(db);
    sqlite.prepare("UPDATE workflows SET text = text || '# altered'").run();
    sqlite.close();
    const worker = runSopflow(['worker', '--until-idle', '--db', db], { cwd: dir });
    assert.equal(worker.status, 1, worker.stderr);
    assert.match(worker.stderr, new RegExp(`worker: run ${id} is not done: this worker could not take it over \\(.*missing or altered\\)`));
    const after = new Database(db, { readonly: true });
    assert.deepEqual(after.prepare('SELECT id, status FROM runs').all(), [{ id, status: 'running' }]);
    after.close();
  });
});
