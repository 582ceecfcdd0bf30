import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const FIXTURES = 'packages/analysis/test-fixtures';
const SESSIONS = [1, 2, 3, 4, 5, 6].map((n) => `${FIXTURES}/transcripts/fix-test-0${n}.jsonl`);

describe('sopflow synthesize', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-synthesize-'));

  it('synthesises agent transcripts into one compact draft that validates, with a rationale beside it', () => {
    const out = join(dir, 'fix-test.osop');
    const r = runSopflow(['synthesize', ...SESSIONS, '-o', out, '--id', 'fix-failing-test', '--name', 'Fix a failing test']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /from 6 runs \(agent transcripts\): 9 steps/);
    const yaml = readFileSync(out, 'utf8');
    assert.match(yaml, /id: fix-failing-test/);
    assert.match(yaml, /lifecycle: draft/);
    assert.match(yaml, /mode: parallel/);
    assert.equal(runSopflow(['validate', out]).status, 0);
    const rationale = readFileSync(join(dir, 'fix-test.rationale.md'), 'utf8');
    assert.match(rationale, /^# Rationale for fix-failing-test/);
    assert.match(rationale, /fix-test-04/);
  });

  it('refines a base process from .osoplog runs', () => {
    const out = join(dir, 'refund-next.osop');
    const r = runSopflow(['synthesize', `${FIXTURES}/refund/runs`, '--base', `${FIXTURES}/refund/refund-v1.osop`, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(out, 'utf8'), /version: 1\.1\.0/);
    assert.ok(existsSync(join(dir, 'refund-next.rationale.md')));
  });

  it('refuses to overwrite the draft or its rationale without --force', () => {
    const out = join(dir, 'kept.osop');
    writeFileSync(join(dir, 'kept.rationale.md'), 'my notes\n');
    const r = runSopflow(['synthesize', ...SESSIONS, '-o', out]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /kept\.rationale\.md already exists; use --force/);
    assert.equal(existsSync(out), false);
    assert.equal(readFileSync(join(dir, 'kept.rationale.md'), 'utf8'), 'my notes\n');
    assert.equal(runSopflow(['synthesize', ...SESSIONS, '-o', out, '--force']).status, 0);
  });

  it('rejects a missing -o, a non-.osop output and a missing record with exit 2; a malformed record with exit 1', () => {
    assert.equal(runSopflow(['synthesize', ...SESSIONS]).status, 2);
    assert.equal(runSopflow(['synthesize', ...SESSIONS, '-o', join(dir, 'draft.yaml')]).status, 2);
    assert.equal(runSopflow(['synthesize', join(dir, 'nope.osoplog'), '-o', join(dir, 'x.osop')]).status, 2);
    const bad = join(dir, 'bad.osoplog');
    writeFileSync(bad, 'run_id: r\nstatus: COMPLETED\n');
    const r = runSopflow(['synthesize', bad, '-o', join(dir, 'y.osop')]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.osoplog/);
    assert.equal(existsSync(join(dir, 'y.osop')), false);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
