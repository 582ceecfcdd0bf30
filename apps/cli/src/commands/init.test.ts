import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSopflow } from '../test-support/run-sopflow.js';

describe('sopflow init', () => {
  it('lists at least six workflow templates and a collection', () => {
    const r = runSopflow(['init', '--list']);
    assert.equal(r.status, 0, r.stderr);
    const names = r.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]);
    for (const t of ['deployment-pipeline', 'incident-response', 'employee-onboarding', 'clinical-triage', 'api-call-sequence', 'coding-agent-task', 'company']) {
      assert.ok(names.includes(t), `missing template ${t}: ${names.join(', ')}`);
    }
  });

  it('writes a template that then validates, and refuses to overwrite it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-init-'));
    const created = runSopflow(['init', 'clinical-triage'], { cwd: dir });
    assert.equal(created.status, 0, created.stderr);
    const file = join(dir, 'clinical-triage.osop');
    assert.ok(existsSync(file));
    assert.equal(runSopflow(['validate', file]).status, 0);
    writeFileSync(file, 'changed by the user\n');
    const again = runSopflow(['init', 'clinical-triage'], { cwd: dir });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
    assert.equal(readFileSync(file, 'utf8'), 'changed by the user\n');
  });

  it('rejects an unknown template with exit 2 and names the available ones', () => {
    const r = runSopflow(['init', 'no-such-template'], { cwd: mkdtempSync(join(tmpdir(), 'sopflow-init-')) });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown template "no-such-template".*deployment-pipeline/);
  });
});
