import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const TRANSCRIPTS = 'packages/analysis/test-fixtures/transcripts';

describe('sopflow log import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-log-import-'));

  it('prints a Claude Code session as an .osoplog with one node record per tool call', () => {
    const r = runSopflow(['log', 'import', '--from', 'claude-code', `${TRANSCRIPTS}/fix-test-01.jsonl`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^osoplog_version: "1\.0"/);
    assert.match(r.stdout, /type: transcript_capture/);
    assert.equal((r.stdout.match(/- node_id: call-\d{3}/g) ?? []).length, 5);
    for (const phase of ['explore', 'edit', 'verify', 'ship']) assert.match(r.stdout, new RegExp(`phase: ${phase}`));
  });

  it('writes the record to -o, which validates, and refuses to overwrite it without --force', () => {
    const out = join(dir, 'session.osoplog');
    const r = runSopflow(['log', 'import', '--from', 'claude-code', `${TRANSCRIPTS}/fix-test-04.jsonl`, '-o', out]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /13 tool calls, 2 failed, outcome success/);
    assert.equal(runSopflow(['validate', out]).status, 0);
    writeFileSync(out, 'keep me\n');
    const again = runSopflow(['log', 'import', '--from', 'claude-code', `${TRANSCRIPTS}/fix-test-04.jsonl`, '-o', out]);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(readFileSync(out, 'utf8'), 'keep me\n');
    assert.equal(runSopflow(['log', 'import', '--from', 'claude-code', `${TRANSCRIPTS}/fix-test-04.jsonl`, '-o', out, '--force']).status, 0);
  });

  it('reports malformed transcript lines with file:line and imports the rest', () => {
    const r = runSopflow(['log', 'import', '--from', 'claude-code', `${TRANSCRIPTS}/malformed-session.jsonl`]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /malformed-session\.jsonl:4:1 warning transcript-bad-json/);
    assert.match(r.stdout, /node_id: call-001/);
    assert.ok(!hasStackTrace(r.stderr));
  });

  it('fails with exit 1 on a file without any tool call', () => {
    const notes = join(dir, 'notes.jsonl');
    writeFileSync(notes, 'just some text\n{"no": "type"}\n');
    const r = runSopflow(['log', 'import', '--from', 'claude-code', notes]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /no tool calls found/);
    assert.ok(!hasStackTrace(r.stderr));
  });

  it('rejects another source, a missing --from and a missing file with exit 2', () => {
    const other = runSopflow(['log', 'import', '--from', 'cursor', `${TRANSCRIPTS}/fix-test-01.jsonl`]);
    assert.equal(other.status, 2);
    assert.match(other.stderr, /--from must be claude-code, not "cursor"/);
    assert.equal(runSopflow(['log', 'import', `${TRANSCRIPTS}/fix-test-01.jsonl`]).status, 2);
    const missing = runSopflow(['log', 'import', '--from', 'claude-code', join(dir, 'missing.jsonl')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no such file/);
  });
});
