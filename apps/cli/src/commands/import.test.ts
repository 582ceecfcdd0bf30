import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasStackTrace, runSopflow } from '../test-support/run-sopflow.js';

const SOP = `# Returns handling

## Roles
- Support agent
- Warehouse clerk

## Procedure
1. The support agent checks the order number and the purchase date.
2. If the purchase is older than 30 days, continue with step 5.
3. The warehouse clerk inspects the returned item within 2 working days.
4. The support agent issues the refund.
5. The support agent sends the customer the outcome and closes the ticket.
`;

describe('sopflow import', () => {
  it('imports a markdown SOP into a draft that validates, with --json output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-import-'));
    const doc = join(dir, 'returns.md');
    writeFileSync(doc, SOP);
    const out = join(dir, 'drafts');
    const r = runSopflow(['import', doc, '-o', out, '--json']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const result = JSON.parse(r.stdout) as { file: string; sops: { title: string; steps: { title: string; sequence_order: number; role: string | null; decisions: { goto: number | string }[]; timers: unknown[] }[] }[]; written: string[] };
    assert.equal(result.file, 'returns.md');
    assert.equal(result.sops.length, 1);
    const steps = result.sops[0].steps;
    assert.equal(steps.length, 5);
    assert.deepEqual(steps.map((s) => s.sequence_order), [1, 2, 3, 4, 5]);
    assert.ok(steps.every((s) => !/^step\s*\d/i.test(s.title)), 'no "Step N" prefixes');
    assert.ok(steps[1].decisions.some((d) => d.goto === 5), 'step 2 branches to step 5');
    assert.ok(steps[2].timers.length > 0, 'step 3 has a timer');
    assert.equal(result.written.length, 1);
    const files = readdirSync(out);
    assert.equal(files.length, 1);
    assert.equal(runSopflow(['validate', join(out, files[0])]).status, 0);
  });

  it('fails with exit 1 and writes nothing for a policy with no procedure, an empty file or a lying extension', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-import-'));
    const policy = join(dir, 'policy.md');
    writeFileSync(policy, '# Acceptable use policy\n\nEmployees are expected to use company equipment responsibly. Personal use is permitted within reason. Violations may lead to disciplinary action.\n');
    const empty = join(dir, 'empty.md');
    writeFileSync(empty, '');
    const liar = join(dir, 'fake.pdf');
    writeFileSync(liar, 'this is plain text pretending to be a PDF\n');
    const out = join(dir, 'drafts');
    for (const doc of [policy, empty, liar]) {
      const r = runSopflow(['import', doc, '-o', out]);
      assert.equal(r.status, 1, `${doc}: ${r.stdout}${r.stderr}`);
      assert.match(r.stdout, /error/);
      assert.ok(!hasStackTrace(r.stdout + r.stderr));
    }
    assert.throws(() => readdirSync(out), 'no drafts folder was created');
    assert.equal(readFileSync(policy, 'utf8').startsWith('# Acceptable'), true);
  });

  it('exits 2 for a missing document', () => {
    const r = runSopflow(['import', join(tmpdir(), 'does-not-exist.md')]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /no such file/);
  });
  it('writes two drafts with the same procedure name from one run to different files and never overwrites either', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-import-same-'));
    const a = join(dir, 'site-a.md');
    const b = join(dir, 'site-b.md');
    writeFileSync(a, SOP);
    writeFileSync(b, SOP.replace('closes the ticket', 'archives the ticket'));
    const out = join(dir, 'drafts');
    const r = runSopflow(['import', a, b, '-o', out, '--json', '--force']);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ['returns-handling-2.osop', 'returns-handling.osop']);
    assert.match(readFileSync(join(out, 'returns-handling.osop'), 'utf8'), /closes the ticket/);
    assert.match(readFileSync(join(out, 'returns-handling-2.osop'), 'utf8'), /archives the ticket/);
  });

  it('reports a draft that already exists as a JSON error with --json, exit 1, and leaves the file alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-import-exists-'));
    const doc = join(dir, 'returns.md');
    writeFileSync(doc, SOP);
    writeFileSync(join(dir, 'returns-handling.osop'), 'kept\n');
    const r = runSopflow(['import', doc, '-o', dir, '--json']);
    assert.equal(r.status, 1, r.stderr + r.stdout);
    const line = JSON.parse(r.stdout.trim()) as { file: string; error: { code: string; message: string } };
    assert.equal(line.file, doc);
    assert.equal(line.error.code, 'draft-exists');
    assert.match(line.error.message, /already exists/);
    assert.equal(readFileSync(join(dir, 'returns-handling.osop'), 'utf8'), 'kept\n');
    assert.equal(hasStackTrace(r.stderr), false);
  });

  it('reports a missing document as a JSON error with --json', () => {
    const r = runSopflow(['import', '/nonexistent/nothing-here.md', '--json']);
    assert.equal(r.status, 2);
    const line = JSON.parse(r.stdout.trim()) as { file: string; error: { code: string } };
    assert.deepEqual([line.file, line.error.code], ['/nonexistent/nothing-here.md', 'file-not-found']);
  });
});
