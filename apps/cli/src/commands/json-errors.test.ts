import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { REPO_ROOT, SOPFLOW_BIN, type CliRun } from '../test-support/run-sopflow.js';
// The server's own fixture: a real SQLite store with admin tokens, the app (here with its hub) and its worker.
import { createFixture, type Fixture } from '../../../server/src/test-support/server-fixture.js';

const GOOD = `osop_version: "1.1"
id: good
name: Good
nodes:
  - { id: a, type: system, runtime: { action: noop } }
edges: []
`;
const FAILS = `osop_version: "1.1"
id: fails
name: Fails
nodes:
  - { id: a, type: cli, runtime: { command: ["${process.execPath.replace(/\\/g, '/')}", "-e", "process.exit(3)"] } }
edges: []
`;

interface ErrorDocument { file?: string; error: { code: string; message: string } }

describe('--json errors: one JSON document on stdout, { error: { code, message } }, and a non-zero exit (real binary)', () => {
  let dir: string;
  let f: Fixture;
  let server: ServerType;
  let hub: string;
  const sopflow = (args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> => new Promise((resolve) => {
    const child = execFile(process.execPath, [SOPFLOW_BIN, ...args], { cwd: dir, env: { ...process.env, NO_COLOR: '1', HOME: dir, SOPFLOW_DB: join(dir, 'state.db'), SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), SOPFLOW_HUB_URL: hub, SOPFLOW_HUB_TOKEN: '', ...env } },
      (error, stdout, stderr) => resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }));
    child.stdin?.end('');
  });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-json-errors-'));
    writeFileSync(join(dir, 'good.osop'), GOOD);
    writeFileSync(join(dir, 'fails.osop'), FAILS);
    writeFileSync(join(dir, 'broken.osop'), 'osop_version: "1.1"\nid: broken\nnodes: [');
    writeFileSync(join(dir, 'garbage.db'), 'this is not a database, it only ends in .db\n'.repeat(200));
    mkdirSync(join(dir, 'a-directory.db'));
    f = await createFixture({ hub: true, webDir: null });
    hub = await new Promise<string>((resolve) => {
      server = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
    assert.equal((await sopflow(['run', 'good.osop', '--json'])).status, 0, 'a store with one run');
    assert.equal((await sopflow(['hub', 'keygen'])).status, 0);
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  // [what goes wrong, the command line, the code, the file named]
  const table: [string, string[], string, string?][] = [
    ['an unknown option', ['runs', '--json', '--bogus'], 'unknown-option'],
    ['a missing argument', ['status', '--json'], 'missing-argument'],
    ['a bad option value', ['validate', 'good.osop', '--json', '--compat', 'nope'], 'usage'],
    ['a bad option value to the hub', ['hub', 'search', 'x', '--sort', 'sideways', '--json'], 'usage'],
    ['bad run input', ['run', 'good.osop', '--json', '--input', 'novalue'], 'usage'],
    ['a missing workflow file', ['run', 'missing.osop', '--json'], 'file-not-found', 'missing.osop'],
    ['an invalid workflow file', ['run', 'broken.osop', '--json'], 'yaml-syntax', 'broken.osop'],
    ['a missing process file', ['conform', 'missing.osop', 'x.osoplog', '--json'], 'file-not-found', 'missing.osop'],
    ['a missing event log', ['mine', 'missing.csv', '--json'], 'invalid_request'],
    ['a missing file to diff --format json', ['diff', 'missing.osop', 'good.osop', '--format', 'json'], 'file-not-found', 'missing.osop'],
    ['a missing event log to mine --dfg --format=json', ['mine', 'missing.csv', '--dfg', 'frequency', '--format=json'], 'invalid_request'],
    ['no database there', ['runs', '--json', '--db', 'nowhere.db'], 'not_found'],
    ['a database that is a directory', ['status', 'r1', '--json', '--db', 'a-directory.db'], 'unavailable'],
    ['a file that is not a database', ['tasks', '--json', '--db', 'garbage.db'], 'invalid_data'],
    ['a run that does not exist', ['status', 'run_nope', '--json'], 'unknown_run'],
    ['a tenant that does not exist', ['tokens', 'create', '--tenant', 'nope', '--user', 'u@x', '--scope', 'read', '--json'], 'not_found'],
    ['a hub token it refuses', ['hub', 'publish', 'good.osop', '--json'], 'unauthenticated'],
    ['a hub package that does not exist', ['hub', 'pull', 'nothing-here@1.0.0', '--json'], 'not_found'],
  ];
  for (const [what, args, code, file] of table) {
    it(`${what}: sopflow ${args.join(' ')} → ${code}`, { timeout: 60_000 }, async () => {
      const run = await sopflow(args, args[1] === 'publish' ? { SOPFLOW_HUB_TOKEN: 'sf_forged_token' } : {});
      assert.notEqual(run.status, 0, run.stdout);
      const doc = JSON.parse(run.stdout) as ErrorDocument;
      assert.equal(doc.error.code, code, run.stdout);
      assert.ok(doc.error.message.length > 0);
      assert.ok(!doc.error.message.endsWith(`(${code})`), `the code is its own field, not a suffix: ${doc.error.message}`);
      assert.equal(doc.file, file);
    });
  }

  it('a command that printed its JSON result and then exits non-zero keeps that one document', { timeout: 60_000 }, async () => {
    const failed = await sopflow(['run', 'fails.osop', '--json']);
    assert.equal(failed.status, 1);
    assert.equal((JSON.parse(failed.stdout) as { status: string }).status, 'failed');
    const invalid = await sopflow(['validate', 'broken.osop', '--json']);
    assert.equal(invalid.status, 1);
    assert.equal((JSON.parse(invalid.stdout) as { files: { valid: boolean }[] }).files[0]!.valid, false);
  });

  it('without --json the same error is one line on stderr and stdout stays empty', async () => {
    const run = await sopflow(['status', 'run_nope']);
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /^sopflow: .*unknown_run/);
  });
});

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
