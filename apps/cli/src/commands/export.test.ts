import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { EXAMPLES, REPO_ROOT, runSopflow } from '../test-support/run-sopflow.js';

const PNML = join(REPO_ROOT, 'packages/analysis/src/interchange/fixtures/prom-claim.pnml');

describe('sopflow export / import of other formats', () => {
  it('exports a template OSOP Full accepts, and sopflow reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-export-'));
    const out = join(dir, 'triage.osop');
    assert.equal(runSopflow(['validate', '--compat', 'full', join(EXAMPLES, 'clinical-triage.osop')]).status, 1);
    const run = runSopflow(['export', join(EXAMPLES, 'clinical-triage.osop'), '--to', 'osop', '-o', out]);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(runSopflow(['validate', '--compat', 'full', out]).status, 0);
    assert.equal(runSopflow(['validate', out]).status, 0);
  });

  it('exports BPMN with the losses as warnings, and imports it back as a draft', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-bpmn-'));
    const bpmn = join(dir, 'deploy.bpmn');
    const run = runSopflow(['export', join(EXAMPLES, 'deployment-pipeline.osop'), '--to', 'bpmn', '-o', bpmn]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warning \[node-field\] rollback: runtime of "Roll back"/);
    assert.match(readFileSync(bpmn, 'utf8'), /<bpmn:boundaryEvent/);
    const back = runSopflow(['import', bpmn, '-o', dir]);
    assert.equal(back.status, 0, back.stderr);
    assert.equal(runSopflow(['validate', join(dir, 'deploy.osop')]).status, 0);
  });

  it('writes PNML and PTML to stdout and refuses an unknown format', () => {
    assert.match(runSopflow(['export', join(EXAMPLES, 'employee-onboarding.osop'), '--to', 'pnml']).stdout, /<pnml>/);
    assert.match(runSopflow(['export', join(EXAMPLES, 'employee-onboarding.osop'), '--to', 'ptml']).stdout, /<processTree /);
    const bad = runSopflow(['export', join(EXAMPLES, 'employee-onboarding.osop'), '--to', 'xpdl']);
    assert.notEqual(bad.status, 0);
    assert.match(bad.stderr, /--to must be one of osop, bpmn, pnml, ptml/);
  });

  it('checks a log against a PNML model from ProM/PM4Py with conform', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-pnml-'));
    const log = join(dir, 'log.csv');
    writeFileSync(log, 'case:concept:name,concept:name,time:timestamp\n1,register,2024-01-01T10:00:00Z\n1,check,2024-01-01T10:01:00Z\n1,decide,2024-01-01T10:03:00Z\n2,register,2024-01-01T10:00:00Z\n2,decide,2024-01-01T10:03:00Z\n');
    const run = runSopflow(['conform', PNML, log]);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /skipped: "check" was prescribed but did not run/);
    assert.match(run.stdout, /^1 +1\.0000 +1\.0000 +0$/m);
  });
});
