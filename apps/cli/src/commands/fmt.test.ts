import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLES, runSopflow } from '../test-support/run-sopflow.js';

function temp(name: string, body: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sopflow-fmt-')), name);
  writeFileSync(file, body);
  return file;
}

describe('sopflow fmt', () => {
  it('leaves every example unchanged (they are already canonical) and --check agrees', () => {
    for (const f of readdirSync(EXAMPLES).filter((x) => /\.(osop|sop)$/.test(x))) {
      const file = temp(f, readFileSync(join(EXAMPLES, f), 'utf8'));
      const before = readFileSync(file, 'utf8');
      const r = runSopflow(['fmt', '--check', file]);
      assert.equal(r.status, 0, `${f}: ${r.stdout}${r.stderr}`);
      assert.equal(readFileSync(file, 'utf8'), before);
    }
  });

  it('reformats messy indentation but keeps comments and key order', () => {
    const messy = '# keep me\nosop_version:   "1.0"\nid: x   # and me\nname: X\nnodes:\n    -   id: a\n        type: human\n        purpose: p\nedges: []\n';
    const file = temp('messy.osop', messy);
    const check = runSopflow(['fmt', '--check', file]);
    assert.equal(check.status, 1);
    assert.match(check.stdout, /would be reformatted/);
    assert.equal(readFileSync(file, 'utf8'), messy, '--check writes nothing');
    const r = runSopflow(['fmt', file]);
    assert.equal(r.status, 0, r.stderr);
    const out = readFileSync(file, 'utf8');
    assert.notEqual(out, messy);
    assert.match(out, /^# keep me\n/);
    assert.match(out, /id: x +# and me/);
    assert.ok(out.indexOf('osop_version') < out.indexOf('id:') && out.indexOf('id:') < out.indexOf('name:'));
    assert.equal(runSopflow(['fmt', '--check', file]).status, 0, 'formatting is idempotent');
  });

  it('does not touch a file that is not valid YAML', () => {
    const body = 'nodes: [a, b\n';
    const file = temp('broken.osop', body);
    const r = runSopflow(['fmt', file]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /yaml/i);
    assert.equal(readFileSync(file, 'utf8'), body);
  });
});
