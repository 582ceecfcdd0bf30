import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { validateSource } from '@sopflow/format';
import { hasStackTrace, REPO_ROOT, SOPFLOW_BIN, type CliRun } from '../test-support/run-sopflow.js';
// The server's own fixture: a real SQLite store, two tenants with admin tokens, the app and its worker.
import { createFixture, type Fixture } from '../../../server/src/test-support/server-fixture.js';

/** The built CLI as a child process, awaited (the site it reads runs in this process, so the event loop must stay free). */
function sopflow(args: readonly string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SOPFLOW_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
  });
}

const ONBOARDING = readFileSync(join(REPO_ROOT, 'examples/employee-onboarding.osop'), 'utf8');

describe('sopflow discover (the real binary against a sopflow server on 127.0.0.1)', () => {
  let f: Fixture;
  let server: ServerType;
  let url: string;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-discover-'));
    f = await createFixture();
    const sop = (await f.call(f.tokenA, 'POST', '/api/sops', { osop: ONBOARDING })).json.sop;
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/publish`);
    await f.call(f.tokenA, 'POST', `/api/sops/${sop.id}/public`, { public: true });
    url = await new Promise<string>((resolve) => {
      server = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("lists the site's operations with their steps, who does what and approvals", async () => {
    const run = await sopflow(['discover', url], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^acme — 1 operation \\(${url}/\\.well-known/sop\\)`));
    assert.match(run.stdout, /■ Employee onboarding \(employee-onboarding\)/);
    assert.match(run.stdout, /Who does what: .*hr-partner \d steps?/);
    assert.match(run.stdout, /Approvals: /);
    assert.match(run.stdout, /Confirm the signed contract/);
  });

  it('prints JSON with --json: each operation has 1-based steps, performers and roles', async () => {
    const run = await sopflow(['discover', url, '--json'], dir);
    assert.equal(run.status, 0, run.stderr);
    const site = JSON.parse(run.stdout);
    assert.equal(site.collection.id, 'acme');
    const [op] = site.operations;
    assert.equal(op.workflowId, 'employee-onboarding');
    assert.equal(op.steps[0].sequence_order, 1);
    assert.ok(op.steps.every((s: any) => ['human', 'agent', 'system'].includes(s.performer)));
    assert.ok(op.whoDoesWhat.some((w: any) => w.role === 'it-support'));
  });

  it('pulls one .osop by name after validating it, byte for byte; refuses to overwrite without --force', async () => {
    const run = await sopflow(['discover', url, '--pull', 'Employee onboarding'], dir);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^saved "Employee onboarding" from .*\/sops\/acme\/sop_[0-9a-z]+\.osop to .*employee-onboarding\.osop\n$/);
    const saved = readFileSync(join(dir, 'employee-onboarding.osop'), 'utf8');
    assert.equal(saved, ONBOARDING);
    assert.equal(validateSource(saved, 'employee-onboarding.osop').valid, true);
    const again = await sopflow(['discover', url, '--pull', 'employee-onboarding'], dir);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /exists; give -o FILE or --force/);
    const named = await sopflow(['discover', url, '--pull', 'employee-onboarding', '-o', 'mine.osop'], dir);
    assert.equal(named.status, 0, named.stderr);
    assert.equal(readFileSync(join(dir, 'mine.osop'), 'utf8'), ONBOARDING);
  });

  it('says clearly when a site has no collection or no such operation (exit 1, with the code), and refuses a bad URL (exit 2)', async () => {
    const bare = await new Promise<{ s: ServerType; url: string }>((resolve) => {
      const s = serve({ fetch: () => new Response('nothing here', { status: 404 }), port: 0, hostname: '127.0.0.1' }, (info) => resolve({ s, url: `http://127.0.0.1:${info.port}` }));
    });
    try {
      const none = await sopflow(['discover', bare.url], dir);
      assert.equal(none.status, 1);
      assert.match(none.stderr, /^sopflow: no \.sop collection at .*\/\.well-known\/sop \(404\) or .*\/\.sop \(404\) \(not_found\)\n$/);
      assert.equal(hasStackTrace(none.stderr), false);
    } finally {
      await new Promise((resolve) => bare.s.close(resolve));
    }
    const missing = await sopflow(['discover', url, '--pull', 'Payroll'], dir);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /has no operation "Payroll"; it offers "Employee onboarding" \(not_found\)/);
    const bad = await sopflow(['discover', 'file:///etc/passwd'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /only http and https URLs are read \(invalid_request\)/);
  });

  it("prints a site's names without control characters: a title, description, section or step name cannot move the cursor, retitle or recolour the terminal", async () => {
    // A hostile site, not a sopflow server (which refuses such names): its collection and workflow written here, with YAML escapes.
    const collection = [
      'sop_version: "1.0"', 'id: hostile', 'name: hostile', 'sections:', '  - name: "Ops\\e[2J\\0"', '    workflows:',
      '      - ref: /hostile.osop', '        title: "Refund\\e]0;owned\\a \\e[31mnow"', '        description: "Ring\\a the bell\\e[1A"', '',
    ].join('\n');
    const osop = [
      'osop_version: "1.1"', 'id: hostile-names', 'name: "Refund\\e]0;owned\\a \\e[31mnow"', 'description: "Ring\\a the bell\\e[1A"', 'version: 1.0.0',
      'nodes:', '  - id: a', '    type: system', '    name: "Step\\e]52;c;cm0gLXJmIH4=\\a one"', '    runtime: {action: noop}', 'edges: []', '',
    ].join('\n');
    const site = await new Promise<{ s: ServerType; url: string }>((resolve) => {
      const s = serve({
        fetch: (req) => {
          const path = new URL(req.url).pathname;
          if (path === '/.well-known/sop') return new Response(collection, { headers: { 'content-type': 'application/yaml' } });
          if (path === '/hostile.osop') return new Response(osop, { headers: { 'content-type': 'application/yaml' } });
          return new Response('nothing here', { status: 404 });
        },
        port: 0, hostname: '127.0.0.1',
      }, (info) => resolve({ s, url: `http://127.0.0.1:${info.port}` }));
    });
    try {
      const run = await sopflow(['discover', site.url], dir);
      assert.equal(run.status, 0, run.stderr);
      // eslint-disable-next-line no-control-regex
      assert.deepEqual(run.stdout.match(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g), null);
      assert.match(run.stdout, /■ Refund\]0;owned \[31mnow \(hostile-names\) — Ops\[2J/);
      assert.match(run.stdout, /Ring the bell\[1A/);
      assert.match(run.stdout, /Step\]52;c;cm0gLXJmIH4= one/);
    } finally {
      await new Promise((resolve) => site.s.close(resolve));
    }
  });
});
