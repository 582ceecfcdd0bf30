import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const run = (n: number): string => `${REFUND}/runs/rr-${String(n).padStart(3, '0')}.osoplog`;

describe('sopflow diff', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-diff-'));

  it('compares two process versions with a semantic summary, as text and as JSON', () => {
    const text = runSopflow(['diff', `${REFUND}/refund-v1.osop`, `${REFUND}/refund-v2.osop`]);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /\[critical\] approval gate removed from a high-risk step "Approve refund"/);
    assert.match(text.stdout, /renamed fraud-check → fraud-signals/);
    const json = runSopflow(['diff', `${REFUND}/refund-v1.osop`, `${REFUND}/refund-v2.osop`, '--json']);
    assert.equal(json.status, 0, json.stderr);
    const d = JSON.parse(json.stdout) as { kind: string; a: { version: string }; b: { version: string } };
    assert.deepEqual([d.kind, d.a.version, d.b.version], ['workflow', '1.0.0', '2.0.0']);
  });

  it('compares two runs step by step in markdown', () => {
    const r = runSopflow(['diff', run(1), run(14), '--format', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /rr-001/);
    assert.match(r.stdout, /\| pay \|/);
  });

  it('compares two directories of runs (--runs DIR_A DIR_B) and two lists split by --', () => {
    const north = join(dir, 'north');
    const south = join(dir, 'south');
    mkdirSync(north);
    mkdirSync(south);
    for (const n of [1, 2, 3]) copyFileSync(join(REPO_ROOT, run(n)), join(north, `rr-${n}.osoplog`));
    for (const n of [11, 12, 14]) copyFileSync(join(REPO_ROOT, run(n)), join(south, `rr-${n}.osoplog`));
    const dirs = runSopflow(['diff', '--runs', north, south, '--json']);
    assert.equal(dirs.status, 0, dirs.stderr);
    const d = JSON.parse(dirs.stdout) as { kind: string; a: { label: string; runs: number; succeeded: number }; b: { label: string; runs: number; succeeded: number } };
    assert.equal(d.kind, 'run-set');
    assert.deepEqual([d.a.label, d.a.runs, d.a.succeeded], ['north', 3, 3]);
    assert.deepEqual([d.b.label, d.b.runs, d.b.succeeded], ['south', 3, 1]);
    const lists = runSopflow(['diff', '--runs', run(1), run(2), '--labels', 'before,after', '--', run(11), run(12), run(14)]);
    assert.equal(lists.status, 0, lists.stderr);
    assert.match(lists.stdout, /^RUNS BEFORE → AFTER/);
    assert.match(lists.stdout, /success rate\s+100\.0% \(2\/2\)\s+33\.3% \(1\/3\)/);
  });

  it('refuses mixed kinds, a missing file and an unknown format with exit 2', () => {
    const mixed = runSopflow(['diff', `${REFUND}/refund-v1.osop`, run(1)]);
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /cannot compare a process .* with a run record/);
    const missing = runSopflow(['diff', `${REFUND}/refund-v1.osop`, join(dir, 'nope.osop')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
    assert.equal(runSopflow(['diff', run(1), run(2), '--format', 'html']).status, 2);
    assert.equal(runSopflow(['diff', '--runs', run(1), '--labels', 'only-one', '--', run(2)]).status, 2);
    const oneVersion = runSopflow(['diff', '--runs', `${REFUND}/runs`]);
    assert.equal(oneVersion.status, 2);
    assert.match(oneVersion.stderr, /exactly two versions \(found 1: 1\.0\.0\)/);
  });

  it('names the file and line of a malformed .osoplog and exits 1', () => {
    const bad = join(dir, 'bad.osoplog');
    writeFileSync(bad, 'run_id: x\nworkflow_id: w\nstatus: COMPLETED\nnode_records:\n  - node_id: a\n    status: [oops\n');
    const r = runSopflow(['diff', run(1), bad]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.osoplog:\d+:\d+ error yaml-syntax/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
