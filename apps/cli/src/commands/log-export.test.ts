import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readOsoplog, stepRan } from '@sopflow/analysis';
import { hasStackTrace, REPO_ROOT, runSopflow } from '../test-support/run-sopflow.js';

const RUNS = 'packages/analysis/test-fixtures/refund/runs';

/** Cases and events (steps that ran) in the fixture records, counted from the records themselves. */
function recordCounts(): { cases: number; events: number } {
  const files = readdirSync(join(REPO_ROOT, RUNS)).filter((f) => f.endsWith('.osoplog'));
  let events = 0;
  for (const f of files) {
    const { record } = readOsoplog(readFileSync(join(REPO_ROOT, RUNS, f), 'utf8'), f);
    assert.ok(record, f);
    events += record.steps.filter(stepRan).length;
  }
  return { cases: files.length, events };
}

describe('sopflow log export', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-log-export-'));
  const expected = recordCounts();

  for (const to of ['xes', 'csv'] as const) {
    it(`writes ${to.toUpperCase()} that mine reads back with the records' case and event counts`, () => {
      const out = join(dir, `refund.${to}`);
      const exported = runSopflow(['log', 'export', RUNS, '--to', to, '-o', out]);
      assert.equal(exported.status, 0, exported.stderr);
      assert.match(exported.stderr, new RegExp(`wrote .*refund\\.${to}: ${expected.cases} cases, ${expected.events} events`));
      const mined = runSopflow(['mine', out, '--json']);
      assert.equal(mined.status, 0, mined.stderr);
      const m = JSON.parse(mined.stdout) as { cases: number; events: number };
      assert.deepEqual([m.cases, m.events], [expected.cases, expected.events]);
    });
  }

  it('refuses to overwrite without --force, and overwrites with it', () => {
    const out = join(dir, 'kept.csv');
    writeFileSync(out, 'keep me');
    const refused = runSopflow(['log', 'export', RUNS, '--to', 'csv', '-o', out]);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /already exists; use --force/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    assert.equal(runSopflow(['log', 'export', RUNS, '--to', 'csv', '-o', out, '--force']).status, 0);
    assert.match(readFileSync(out, 'utf8'), /^case:concept:name,concept:name,time:timestamp/);
  });

  it('rejects an unknown format or missing records with exit 2 and writes nothing', () => {
    const out = join(dir, 'never.json');
    const wrong = runSopflow(['log', 'export', RUNS, '--to', 'json', '-o', out]);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--to must be xes or csv, not "json"/);
    const missing = runSopflow(['log', 'export', join(dir, 'nothing-here'), '--to', 'xes', '-o', join(dir, 'never.xes')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file or directory/);
    assert.ok(!existsSync(out) && !existsSync(join(dir, 'never.xes')));
    assert.ok(!hasStackTrace(wrong.stderr + missing.stderr));
  });
});
