import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { EXAMPLES, REPO_ROOT, SOPFLOW_BIN, hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sopflow-validate-'));
}

const VALID = `osop_version: "1.0"
id: tiny
name: Tiny
nodes:
  - id: a
    type: human
    purpose: do a
  - id: b
    type: cli
    purpose: do b
    runtime: { command: [echo, hi] }
edges:
  - { from: a, to: b }
`;

describe('sopflow validate', () => {
  it('accepts every example and exits 0', () => {
    const r = runSopflow(['validate', EXAMPLES]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /7 files: 7 valid, 0 invalid/);
  });

  it('prints the JSON report with file, valid and positioned diagnostics', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.osop');
    writeFileSync(bad, VALID.replace('to: b }', 'to: ghost }'));
    const r = runSopflow(['validate', '--json', bad]);
    assert.equal(r.status, 1);
    const report = JSON.parse(r.stdout) as { files: { file: string; valid: boolean; diagnostics: { code: string; severity: string; line: number; column: number; message: string }[] }[] };
    assert.equal(report.files.length, 1);
    assert.equal(report.files[0].file, bad);
    assert.equal(report.files[0].valid, false);
    const d = report.files[0].diagnostics.find((x) => x.code === 'unknown-edge-target');
    assert.ok(d, JSON.stringify(report));
    assert.equal(d.severity, 'error');
    assert.equal(d.line, 13);
    assert.ok(d.column > 1);
  });

  it('shows a caret excerpt under the offending value', () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.osop');
    writeFileSync(bad, VALID.replace('type: cli', 'type: robot'));
    const r = runSopflow(['validate', bad]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:9:11 error`));
    assert.match(r.stdout, /\n {4}9 \| {5}type: robot\n {6}\| {11}\^/);
  });

  it('judges by OSOP core and full levels with --compat', () => {
    const dir = tempDir();
    const file = join(dir, 'core-only.osop');
    // Valid under Core (no `purpose` needed) but not under Full (node purpose is required).
    writeFileSync(file, VALID.replace(/    purpose: do [ab]\n/g, '').replace('command: [echo, hi]', 'command: echo hi'));
    assert.equal(runSopflow(['validate', '--compat', 'core', file]).status, 0);
    const full = runSopflow(['validate', '--compat', 'full', '--json', file]);
    assert.equal(full.status, 1);
    assert.match(full.stdout, /schema-required/);
    assert.equal(runSopflow(['validate', '--compat', 'nonsense', file]).status, 2);
  });

  it('exits 2 for a missing file and 2 for an empty directory, without stack traces', () => {
    const missing = runSopflow(['validate', join(tempDir(), 'nope.osop')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stdout, /no such file/);
    const empty = runSopflow(['validate', tempDir()]);
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /no \.osop, \.osoplog or \.sop files/);
    assert.ok(!hasStackTrace(missing.stdout + missing.stderr + empty.stderr));
  });

  it('checks only documents in a directory with mixed content, recursing into subfolders', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'a.osop'), VALID);
    writeFileSync(join(dir, 'nested', 'b.osop.yaml'), VALID.replace('id: tiny', 'id: tiny2'));
    writeFileSync(join(dir, 'notes.txt'), 'not a document');
    writeFileSync(join(dir, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    const r = runSopflow(['validate', '--json', dir]);
    assert.equal(r.status, 0, r.stdout);
    const files = (JSON.parse(r.stdout) as { files: { file: string }[] }).files.map((f) => f.file);
    assert.deepEqual(files.map((f) => f.slice(dir.length + 1)), ['a.osop', join('nested', 'b.osop.yaml')]);
  });

  it('recognises .osoplog and .sop files by extension and checks them against their own schemas', () => {
    const dir = tempDir();
    const log = join(dir, 'run.osoplog');
    writeFileSync(log, 'osoplog_version: "1.0"\nrun_id: r1\nworkflow_id: tiny\nstatus: COMPLETED\nstarted_at: "2026-01-01T00:00:00Z"\nended_at: "2026-01-01T00:00:05Z"\nduration_ms: 5000\n');
    const sop = join(dir, 'team.sop');
    writeFileSync(sop, 'sop_version: "1.0"\nid: team\nname: Team\n'); // missing `sections`
    const r = runSopflow(['validate', '--json', log, sop]);
    assert.equal(r.status, 1);
    const files = (JSON.parse(r.stdout) as { files: { file: string; kind: string; valid: boolean; diagnostics: { code: string }[] }[] }).files;
    assert.equal(files[0].kind, 'log');
    assert.equal(files[0].valid, true);
    assert.equal(files[1].kind, 'collection');
    assert.equal(files[1].valid, false);
    assert.ok(files[1].diagnostics.some((d) => d.code === 'schema-required'));
  });

  it('rejects bad input of every kind with a diagnostic and never changes the file', () => {
    const dir = tempDir();
    const cases: Record<string, string | Buffer> = {
      'not-yaml.osop': 'nodes: [a, b\n  - : : :\n',
      'scalar.osop': 'just a string\n',
      'list.osop': '- a\n- b\n',
      'empty.osop': '',
      'binary.osop': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff, 0xfe]),
      'latin1.osop': Buffer.from('name: caf\xe9\n', 'latin1'),
      'wrong-types.osop': 'osop_version: 1\nid: [x]\nname: {a: 1}\nnodes: 7\nedges: "no"\n',
      'laughs.osop': ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n') + '\n',
      'deep.osop': `x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    };
    for (const [name, body] of Object.entries(cases)) writeFileSync(join(dir, name), body);
    const before = Object.keys(cases).map((n) => readFileSync(join(dir, n)).toString('base64'));
    const r = runSopflow(['validate', '--json', dir]);
    assert.equal(r.status, 1, r.stderr);
    assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stderr);
    const files = (JSON.parse(r.stdout) as { files: { file: string; valid: boolean; diagnostics: { code: string; severity: string }[] }[] }).files;
    assert.equal(files.length, Object.keys(cases).length);
    for (const f of files) {
      assert.equal(f.valid, false, `${f.file} should be invalid`);
      assert.ok(f.diagnostics.some((d) => d.severity === 'error'), `${f.file} needs an error diagnostic`);
    }
    assert.deepEqual(Object.keys(cases).map((n) => readFileSync(join(dir, n)).toString('base64')), before);
  });

  it('refuses a 50 MB file without reading it into the validator', () => {
    const dir = tempDir();
    const big = join(dir, 'big.osop');
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x61));
    const r = runSopflow(['validate', '--json', big]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /file-too-large/);
  });

  it('stops quietly when its output pipe closes early (sopflow validate ... | head -1)', async () => {
    const dir = tempDir();
    // Far more output than a pipe buffer holds, so writes continue after the reader has gone.
    for (let i = 0; i < 400; i++) writeFileSync(join(dir, `bad${i}.osop`), VALID.replace('type: cli', 'type: robot'));
    const child = spawn(process.execPath, [SOPFLOW_BIN, 'validate', dir], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    await new Promise<void>((resolve) => child.stdout.once('data', () => { child.stdout.destroy(); resolve(); }));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    assert.ok(!hasStackTrace(stderr) && !/EPIPE/.test(stderr), stderr);
    assert.notEqual(code, null);
  });
});
