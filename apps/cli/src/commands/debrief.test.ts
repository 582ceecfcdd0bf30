import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT, hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const REFUND = 'packages/analysis/test-fixtures/refund';
const PROCESS = `${REFUND}/refund-v1.osop`;

describe('sopflow debrief', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-debrief-'));

  it('classifies deviations, correlates outcomes and proposes update candidates (markdown, by team)', () => {
    const r = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--by', 'team', '--format', 'markdown']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^# Debrief: refund-request@1\.0\.0/);
    assert.match(r.stdout, /deviations: ESCALATION 0, EDGE_CASE 2, ORG_NUANCE 4, POTENTIAL_ERROR 3/);
    assert.match(r.stdout, /\| rr-012 \| unauthorised \| approve \| POTENTIAL_ERROR \| unauthorised-is-error \|/);
    assert.match(r.stdout, /uc-1 Add step "call-customer" after "pay"/);
    assert.match(r.stdout, /\| north \| 6 \|/);
  });

  it('keeps only the runs of the time window', () => {
    const r = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--since', '2026-03-03', '--until', '2026-03-04', '--json']);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { runs: number; window: { since: string } };
    assert.ok(report.runs > 0 && report.runs < 14, String(report.runs));
    assert.equal(report.window.since, '2026-03-03T00:00:00.000Z');
  });

  it('merges institutional memory into the memory file across debriefs', () => {
    const memory = join(dir, 'memory.json');
    for (let i = 0; i < 2; i++) assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--memory', memory]).status, 0);
    const saved = JSON.parse(readFileSync(memory, 'utf8')) as { workflowId: string; entries: { pattern: string; runs: number; debriefs: number }[] };
    assert.equal(saved.workflowId, 'refund-request');
    const entry = saved.entries.find((e) => e.pattern === 'inserted:call-customer');
    assert.deepEqual([entry?.runs, entry?.debriefs], [8, 2]);
  });

  it('writes an anonymised export without names, emails or run ids, with a fresh salt each time', () => {
    const out = [join(dir, 'anon-1'), join(dir, 'anon-2')];
    for (const o of out) {
      const r = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--anonymise', o]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /wrote 14 anonymised runs/);
    }
    const files = readdirSync(out[0]);
    assert.equal(files.length, 14);
    const all = files.map((f) => readFileSync(join(out[0], f), 'utf8')).join('\n');
    assert.doesNotMatch(all, /@example\.org|Lena Novak|Customer 1|rr-0\d\d/);
    assert.match(all, /node_id: verify-identity/);
    assert.equal(runSopflow(['validate', out[0]]).status, 0);
    const first = readFileSync(join(out[0], files[0]), 'utf8').match(/run_id: (\S+)/)?.[1];
    const second = readFileSync(join(out[1], files[0]), 'utf8').match(/run_id: (\S+)/)?.[1];
    assert.ok(first && second && first !== second, `${first} ${second}`);
  });

  it('approving an update candidate writes a new draft version and leaves the process unchanged', () => {
    const draft = join(dir, 'refund-next.osop');
    const before = readFileSync(join(REPO_ROOT, PROCESS), 'utf8');
    const r = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--approve', 'uc-1', '--draft', draft]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /approved uc-1 .*refund-request@1\.1\.0 \(draft\)/);
    const yaml = readFileSync(draft, 'utf8');
    assert.match(yaml, /id: call-customer/);
    assert.match(yaml, /lifecycle: draft/);
    assert.equal(runSopflow(['validate', draft]).status, 0);
    assert.equal(readFileSync(join(REPO_ROOT, PROCESS), 'utf8'), before);
    assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--approve', 'uc-1', '--draft', draft]).status, 1);
    assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--approve', 'uc-1', '--draft', PROCESS, '--force']).status, 2);
    const unknown = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--approve', 'uc-9', '--draft', join(dir, 'other.osop')]);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no update candidate "uc-9" in this debrief \(candidates: uc-1\)/);
  });

  it('rejects a bad time, grouping or format with exit 2 and a foreign memory file with exit 1', () => {
    assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--since', 'yesterday']).status, 2);
    assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--by', 'region']).status, 2);
    assert.equal(runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--format', 'pdf']).status, 2);
    const foreign = join(dir, 'other-memory.json');
    writeFileSync(foreign, JSON.stringify({ workflowId: 'onboarding', entries: [] }));
    const r = runSopflow(['debrief', PROCESS, `${REFUND}/runs`, '--memory', foreign]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /memory of process "onboarding"/);
    assert.equal(JSON.parse(readFileSync(foreign, 'utf8')).workflowId, 'onboarding');
    assert.ok(!hasStackTrace(r.stderr));
  });
});
