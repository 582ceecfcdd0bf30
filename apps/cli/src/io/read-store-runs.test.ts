import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const TWO_STEPS = `osop_version: "1.1"
id: two-steps
name: Two noop steps
nodes:
  - { id: start, type: system, runtime: { action: noop } }
  - { id: finish, type: system, runtime: { action: noop } }
edges:
  - { from: start, to: finish }
`;

const OTHER = TWO_STEPS.replace('id: two-steps', 'id: other-process');

describe('records from the store (runs:, --db)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-store-runs-'));
  const db = join(dir, 'runs.db');
  const file = join(dir, 'two-steps.osop');
  const other = join(dir, 'other.osop');
  writeFileSync(file, TWO_STEPS);
  writeFileSync(other, OTHER);
  for (const f of [file, file, other]) {
    const run = runSopflow(['run', f, '--db', db], { cwd: dir });
    assert.equal(run.status, 0, run.stderr);
  }

  it('stats PROCESS with no records reads that workflow\'s finished runs from the store', () => {
    const r = runSopflow(['stats', file, '--db', db, '--json'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const s = JSON.parse(r.stdout) as { workflow: string; runs: number; succeeded: number; neverRan: string[] };
    assert.deepEqual([s.workflow, s.runs, s.succeeded, s.neverRan], ['two-steps', 2, 2, []]);
  });

  it('conform PROCESS runs: reads every finished run; runs:ID only that workflow\'s', () => {
    const all = runSopflow(['conform', file, 'runs:', '--db', db], { cwd: dir });
    assert.match(all.stdout, /CONFORMANCE two-steps: 3 runs/);
    const mine = runSopflow(['conform', file, 'runs:two-steps', '--db', db], { cwd: dir });
    assert.equal(mine.status, 0, mine.stderr);
    assert.match(mine.stdout, /CONFORMANCE two-steps: 2 runs, 1 variant/);
    assert.match(mine.stdout, /alignments 1\.0000/);
  });

  it('uses SOPFLOW_DB when --db is not given', () => {
    const r = runSopflow(['stats', 'runs:other-process', '--json'], { cwd: dir, env: { SOPFLOW_DB: db } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as { runs: number }).runs, 1);
  });

  it('a missing database or a workflow with no runs is a usage error (exit 2) with a clear message', () => {
    const missing = runSopflow(['stats', file, '--db', join(dir, 'missing.db')], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no database at .*missing\.db/);
    const none = runSopflow(['conform', file, 'runs:nobody', '--db', db], { cwd: dir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no finished runs of nobody in .*runs\.db/);
    assert.ok(!hasStackTrace(missing.stderr + none.stderr));
  });
});
