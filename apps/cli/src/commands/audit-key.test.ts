import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';
import { TWO_STEPS_WORKFLOW } from '../../../../packages/engine/test-support/two-steps-workflow.js';

describe('--audit-key FILE beside --db', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-audit-key-'));
  // HOME points at the test folder and SOPFLOW_AUDIT_KEY_FILE is unset: only the flag names a key.
  const env = { HOME: dir, SOPFLOW_AUDIT_KEY_FILE: '' };
  const file = join(dir, 'two-steps.osop');
  writeFileSync(file, TWO_STEPS_WORKFLOW);
  const [db, otherDb, key, otherKey] = [join(dir, 'a.db'), join(dir, 'b.db'), join(dir, 'a.key'), join(dir, 'b.key')];

  it('run keys the store with the named file (created on first write), never the default key', () => {
    assert.equal(runSopflow(['run', file, '--db', db, '--audit-key', key], { cwd: dir, env }).status, 0);
    assert.equal(runSopflow(['run', file, '--db', otherDb, '--audit-key', otherKey], { cwd: dir, env }).status, 0);
    assert.ok(existsSync(key) && existsSync(otherKey));
    assert.ok(!existsSync(join(dir, '.config', 'sopflow', 'audit.key')));
  });

  it('audit verify, runs and stats runs: read with the key given; another store\'s key is refused naming the file', () => {
    const ok = runSopflow(['audit', 'verify', '--db', db, '--audit-key', key], { cwd: dir, env });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /audit ok: 1 run\(s\)/);
    assert.equal(runSopflow(['runs', '--db', db, '--audit-key', key], { cwd: dir, env }).status, 0);
    const wrong = runSopflow(['audit', 'verify', '--db', db, '--audit-key', otherKey], { cwd: dir, env });
    assert.equal(wrong.status, 1);
    assert.match(wrong.stderr, new RegExp(`the key at ${otherKey.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is .*\\(invalid_data\\)`));
    const stats = runSopflow(['stats', file, '--db', db, '--audit-key', otherKey], { cwd: dir, env });
    assert.equal(stats.status, 1);
    assert.match(stats.stderr, /this store was keyed with key/);
    assert.ok(!hasStackTrace(wrong.stderr + stats.stderr));
    const good = runSopflow(['stats', file, '--db', db, '--audit-key', key, '--json'], { cwd: dir, env });
    assert.equal(good.status, 0, good.stderr);
    assert.equal((JSON.parse(good.stdout) as { runs: number }).runs, 1);
  });

  it('audit verify says what it relied on, and a keyed store read without its key is not called ok (exit 1)', () => {
    const ok = runSopflow(['audit', 'verify', '--db', db, '--audit-key', key], { cwd: dir, env });
    assert.match(ok.stdout, /keyed with \S+: every link and head MAC checked; checkpoint 1 of .* \(1 run\(s\)\) holds/);
    const missing = runSopflow(['audit', 'verify', '--db', db, '--audit-key', join(dir, 'no-such.key')], { cwd: dir, env });
    assert.equal(missing.status, 1, missing.stdout + missing.stderr);
    assert.doesNotMatch(missing.stdout, /audit ok/);
    assert.match(missing.stdout, /not verified: this store is keyed \(key \S+\) but its audit key was not found/);
    assert.ok(!existsSync(join(dir, 'no-such.key')), 'a read never creates a key');
  });

  it('every command that takes --db takes --audit-key', () => {
    for (const command of [['run'], ['runs'], ['status'], ['tasks'], ['task', 'complete'], ['approve'], ['deny'], ['signal'], ['resume'], ['cancel'], ['worker'], ['log'], ['audit', 'verify'], ['demo'], ['users', 'add'], ['users', 'list'], ['users', 'set'], ['users', 'remove'], ['conform'], ['stats'], ['debrief'], ['delegation'], ['log', 'export']]) {
      const help = runSopflow([...command, '--help']);
      assert.match(help.stdout, /--db <path>/, command.join(' '));
      assert.match(help.stdout, /--audit-key <file>/, command.join(' '));
    }
  });
});
