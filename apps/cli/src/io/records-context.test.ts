import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';
import { TWO_STEPS_WORKFLOW } from '../../../../packages/engine/test-support/two-steps-workflow.js';

const OTHER = TWO_STEPS_WORKFLOW.replace('id: two-steps', 'id: other-process');

describe('records from the store (runs:, --db)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-store-runs-'));
  const db = join(dir, 'runs.db');
  const file = join(dir, 'two-steps.osop');
  const other = join(dir, 'other.osop');
  writeFileSync(file, TWO_STEPS_WORKFLOW);
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

  it('conform PROCESS runs: reads only that process\'s finished runs; another process\'s runs are a usage error', () => {
    const all = runSopflow(['conform', file, 'runs:', '--db', db], { cwd: dir });
    assert.equal(all.status, 0, all.stderr);
    assert.match(all.stdout, /CONFORMANCE two-steps: 2 runs, 1 variant/, 'the other process\'s run is not mixed in');
    const other = runSopflow(['conform', file, 'runs:other-process', '--db', db], { cwd: dir });
    assert.equal(other.status, 2);
    assert.match(other.stderr, /runs:other-process selects the runs of other-process, but the process is two-steps/);
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
    const none = runSopflow(['stats', 'runs:nobody', '--db', db], { cwd: dir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no finished runs of nobody in .*runs\.db/);
    assert.ok(!hasStackTrace(missing.stderr + none.stderr));
  });

  it('stats of a process version uses only the runs pinned to that version', () => {
    const versioned = (v: string) => TWO_STEPS_WORKFLOW.replace('id: two-steps', `id: two-steps\nversion: "${v}"`);
    const vdb = join(dir, 'versions.db');
    const v1 = join(dir, 'v1.osop');
    const v2 = join(dir, 'v2.osop');
    writeFileSync(v1, versioned('1.0.0'));
    writeFileSync(v2, versioned('2.0.0'));
    for (const f of [v1, v1, v1, v2]) assert.equal(runSopflow(['run', f, '--db', vdb], { cwd: dir }).status, 0);
    const s2 = JSON.parse(runSopflow(['stats', v2, '--db', vdb, '--json'], { cwd: dir }).stdout) as { runs: number };
    const s1 = JSON.parse(runSopflow(['stats', v1, '--db', vdb, '--json'], { cwd: dir }).stdout) as { runs: number };
    assert.deepEqual([s1.runs, s2.runs], [3, 1]);
  });
});
