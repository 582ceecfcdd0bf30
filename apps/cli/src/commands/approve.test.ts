import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const RELEASE = `osop_version: "1.1"
id: release
name: Release a batch
nodes:
  - { id: release, type: system, auth_level: supervisor, runtime: { action: noop } }
  - { id: ship, type: system, runtime: { action: noop } }
edges:
  - { from: release, to: ship }
`;

const USERS = `users:
  olga: { level: operator, roles: [line] }
  sam: { level: supervisor, roles: [release-manager] }
`;

/** A fresh folder with the workflow and a users file; `run` calls the real binary there with its own database. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-approve-'));
  writeFileSync(join(dir, 'release.osop'), RELEASE);
  writeFileSync(join(dir, 'people.yaml'), USERS);
  const db = join(dir, 'state.db');
  const run = (args: string[], env: Record<string, string> = {}) => runSopflow([...args, '--db', db], { cwd: dir, env: { SOPFLOW_USERS: '', ...env } });
  const start = (): { id: string; task: string } => {
    const started = run(['run', 'release.osop', '--json']);
    assert.equal(started.status, 0, started.stderr);
    const { id } = JSON.parse(started.stdout) as { id: string };
    const tasks = JSON.parse(run(['tasks', '--json']).stdout) as { id: string; run: string; kind: string }[];
    const task = tasks.find((t) => t.run === id);
    assert.equal(task?.kind, 'auth');
    return { id, task: task!.id };
  };
  const decisions = (id: string) => {
    const out = join(dir, `${id}.osoplog`);
    assert.equal(run(['log', id, '-o', out]).status, 0);
    const text = readFileSync(out, 'utf8');
    return text;
  };
  return { dir, run, start, decisions };
}

describe('sopflow approve with auth_level', () => {
  it('refuses an approver below the level from the users file (exit 1, nothing recorded), accepts one at the level', () => {
    const { run, start, decisions } = setup();
    const { id, task } = start();
    const low = run(['approve', task, '--by', 'olga'], { SOPFLOW_USERS: 'people.yaml' });
    assert.equal(low.status, 1);
    assert.match(low.stderr, /needs supervisor or above; olga is operator \(auth_level_too_low\)/);
    assert.ok(!hasStackTrace(low.stderr));
    const status = JSON.parse(run(['status', id, '--json']).stdout) as { status: string };
    assert.equal(status.status, 'waiting', 'the refused approval changed nothing');
    const ok = run(['approve', task, '--by', 'sam', '--users', 'people.yaml']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal((JSON.parse(run(['status', id, '--json']).stdout) as { status: string }).status, 'completed');
    assert.match(decisions(id), /level_verified: true/);
  });

  it('without a users file accepts anyone and records level_verified: false; a bad users file is a usage error', () => {
    const { run, start, decisions, dir } = setup();
    const { id, task } = start();
    writeFileSync(join(dir, 'broken.yaml'), 'users: [olga]\n');
    const bad = run(['approve', task, '--by', 'olga', '--users', 'broken.yaml']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /expected a "users" map/);
    assert.equal(run(['approve', task, '--by', 'olga', '--users', 'missing.yaml']).status, 2);
    const ok = run(['approve', task, '--by', 'olga']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(decisions(id), /level_verified: false/);
  });
});
