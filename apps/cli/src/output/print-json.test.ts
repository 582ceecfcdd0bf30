import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../test-support/run-sopflow.js';

const GOOD = `osop_version: "1.1"
id: good
name: Good
nodes:
  - { id: a, type: system, runtime: { action: noop } }
edges: []
`;

describe('printJson: what one runCli call printed belongs to that call', () => {
  it('after a --json success, a second runCli in the same process still prints its --json error on stdout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-print-json-'));
    try {
      writeFileSync(join(dir, 'good.osop'), GOOD);
      // One Node process, two runCli calls; a NUL byte separates their stdout.
      const script = `
        const { runCli } = await import(${JSON.stringify(pathToFileURL(join(REPO_ROOT, 'apps/cli/src/main.ts')).href)});
        const first = await runCli(['validate', ${JSON.stringify(join(dir, 'good.osop'))}, '--json']);
        process.stdout.write('\\u0000');
        const second = await runCli(['run', ${JSON.stringify(join(dir, 'missing.osop'))}, '--json']);
        process.stdout.write('\\u0000' + JSON.stringify([first, second]));
      `;
      const child = spawnSync(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', SOPFLOW_DB: join(dir, 'state.db') },
      });
      assert.equal(child.status, 0, child.stderr);
      const [first, second, exits] = child.stdout.split('\u0000');
      assert.equal((JSON.parse(first!) as { files: { valid: boolean }[] }).files[0]!.valid, true);
      const error = JSON.parse(second!) as { file: string; error: { code: string; message: string } };
      assert.equal(error.error.code, 'file-not-found');
      assert.deepEqual(JSON.parse(exits!), [0, 2]);
      assert.equal(child.stderr, '', 'the error went to stdout only');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
