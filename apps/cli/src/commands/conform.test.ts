import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';

interface ConformJson {
  total: { runs: number; tokenReplay: number; alignment: number; notFinished: number; deviations: Record<string, number> };
  runs: { runId: string; finished: boolean; tokenReplay: number; alignment: number; deviations: { kind: string; nodeId: string }[] }[];
}

describe('sopflow conform', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-conform-'));

  it('gives fitness per run and in total, and names the deviations', () => {
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, `${REFUND}/runs`, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ConformJson;
    assert.equal(report.total.runs, 14);
    assert.equal(report.total.notFinished, 0);
    assert.equal(report.total.deviations.unauthorised, 1);
    assert.equal(report.total.deviations.inserted, 4);
    const byId = new Map(report.runs.map((x) => [x.runId, x]));
    // A run that followed the process (through the gateway) fits perfectly both ways.
    assert.equal(byId.get('rr-001')?.tokenReplay, 1);
    assert.equal(byId.get('rr-001')?.alignment, 1);
    // Every run without a deviation (through the gateway, through a step with two ways in or out) fits perfectly.
    const clean = report.runs.filter((x) => x.deviations.length === 0);
    assert.ok(clean.length >= 6);
    assert.deepEqual(clean.map((x) => [x.runId, x.tokenReplay, x.alignment]), clean.map((x) => [x.runId, 1, 1]));
    assert.deepEqual(byId.get('rr-012')?.deviations.map((d) => d.kind).sort(), ['unauthorised', 'wrong-branch']);
    assert.ok((byId.get('rr-011')?.alignment ?? 1) < 1);
    assert.ok(report.total.tokenReplay > 0.9 && report.total.tokenReplay < 1);
  });

  it('prints the text report, and exits 1 with --strict when a deviation was found', () => {
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, `${REFUND}/runs/rr-011.osoplog`, '--strict']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /skipped: "verify-identity" was prescribed but did not run/);
    const clean = runSopflow(['conform', `${REFUND}/refund-v1.osop`, `${REFUND}/runs/rr-001.osoplog`, '--strict']);
    assert.equal(clean.status, 0, clean.stderr);
    assert.match(clean.stdout, /fitness: token replay 1\.0000, alignments 1\.0000/);
  });

  it('reads a CSV event log with column options', () => {
    const csv = join(dir, 'refunds.csv');
    const rows = ['id,step,at'];
    const cases: [string, string[]][] = [
      ['c1', ['intake', 'fraud-check', 'verify-identity', 'triage', 'pay', 'notify']],
      ['c2', ['intake', 'fraud-check', 'pay', 'notify']],
    ];
    for (const [id, steps] of cases) steps.forEach((s, i) => rows.push(`${id},${s},2026-03-0${id === 'c1' ? 2 : 3}T09:0${i}:00Z`));
    writeFileSync(csv, `${rows.join('\n')}\n`);
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, csv, '--case', 'id', '--activity', 'step', '--timestamp', 'at', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ConformJson;
    assert.deepEqual(report.runs.map((x) => [x.runId, x.deviations.map((d) => `${d.kind}:${d.nodeId}`)]), [
      ['c1', []],
      ['c2', ['skipped:verify-identity']],
    ]);
  });

  it('reports a run whose alignment is over the time budget as not finished, never guessed', () => {
    const ids = ['intake', 'fraud-check', 'verify-identity', 'approve', 'pay', 'notify', 'call-customer'];
    const steps = Array.from({ length: 300 }, (_, i) => {
      const at = new Date(Date.UTC(2026, 2, 2, 8, i)).toISOString();
      return `  - node_id: ${ids[(i * 5 + (i >> 2)) % ids.length]}\n    status: COMPLETED\n    started_at: "${at}"`;
    });
    const long = join(dir, 'long.osoplog');
    writeFileSync(long, `run_id: long-1\nworkflow_id: refund-request\nstatus: COMPLETED\nnode_records:\n${steps.join('\n')}\n`);
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, long, '--budget-ms', '1', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ConformJson;
    assert.equal(report.total.notFinished, 1);
    assert.equal(report.runs[0].finished, false);
    assert.equal(report.runs[0].alignment, undefined);
    assert.equal(runSopflow(['conform', `${REFUND}/refund-v1.osop`, long, '--budget-ms', '1', '--strict']).status, 1);
  });

  it('rejects a bad budget, a missing process and an empty directory with exit 2', () => {
    assert.equal(runSopflow(['conform', `${REFUND}/refund-v1.osop`, `${REFUND}/runs`, '--budget-ms', 'soon']).status, 2);
    assert.equal(runSopflow(['conform', join(dir, 'missing.osop'), `${REFUND}/runs`]).status, 2);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, empty]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no \.osoplog files in directory/);
  });

  it('names the file and line of a malformed record and exits 1', () => {
    const runs = join(dir, 'runs');
    mkdirSync(runs);
    writeFileSync(join(runs, 'broken.osoplog'), 'run_id: r1\nworkflow_id: refund-request\nstatus: [COMPLETED\n');
    const r = runSopflow(['conform', `${REFUND}/refund-v1.osop`, `${REFUND}/runs/rr-001.osoplog`, runs]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /broken\.osoplog:\d+:\d+ error/);
    assert.match(r.stderr, /1 of 2 record files could not be read/);
    assert.ok(!hasStackTrace(r.stderr));
  });
});
