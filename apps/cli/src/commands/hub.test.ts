import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { serve, type ServerType } from '@hono/node-server';
import { EXAMPLES, hasStackTrace, SOPFLOW_BIN, type CliRun } from '../test-support/run-sopflow.js';
// The server's own fixture: a real SQLite store, two tenants with admin tokens, the app and its worker.
import { createFixture, type Fixture } from '../../../server/src/test-support/server-fixture.js';

const CHECKLIST = `osop_version: "1.0"
id: release-checklist
name: Release checklist
description: Tag the release, build the notes, announce it.
version: 2.1.0
tags: [release]
nodes:
  - { id: tag, type: system, name: Tag the release, runtime: { action: noop } }
  - { id: notes, type: system, name: Build the release notes, runtime: { action: noop } }
  - { id: announce, type: system, name: Announce the release, runtime: { action: noop } }
edges:
  - { from: tag, to: notes }
  - { from: notes, to: announce }
`;

describe('sopflow hub (the real binary against a --hub server on 127.0.0.1)', () => {
  let f: Fixture;
  let server: ServerType;
  let tamperer: Server;
  let hub: string;
  let tampered: string;
  let dir: string;
  /** The built CLI as a child process, awaited (the hub runs in this process, so the event loop must stay free). */
  const sopflow = (args: readonly string[], extraEnv: Record<string, string> = {}, input?: string): Promise<CliRun> => new Promise((resolve) => {
    const env = { ...process.env, NO_COLOR: '1', HOME: dir, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key'), SOPFLOW_HUB_URL: hub, SOPFLOW_HUB_TOKEN: '', ...extraEnv };
    const child = execFile(process.execPath, [SOPFLOW_BIN, ...args], { cwd: dir, env }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
    child.stdin?.end(input ?? '');
  });
  const asWriter = () => ({ SOPFLOW_HUB_TOKEN: f.tokenA });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sopflow-hub-cli-'));
    writeFileSync(join(dir, 'release-checklist.osop'), CHECKLIST);
    f = await createFixture({ hub: true, webDir: null });
    hub = await new Promise<string>((resolve) => {
      server = serve({ fetch: f.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    });
    // A hub that hands out a changed document and re-signs nothing: what a compromised mirror would do.
    tamperer = createServer(async (req, res) => {
      const answer = await (await fetch(`${hub}${req.url}`)).json() as Record<string, string>;
      if (typeof answer.document === 'string') answer.document = answer.document.replace('Announce the release', 'Delete the release');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
    tampered = await new Promise((resolve) => tamperer.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(tamperer.address() as { port: number }).port}`)));
  });
  after(async () => {
    await new Promise((resolve) => tamperer.close(resolve));
    await new Promise((resolve) => server.close(resolve));
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keygen writes a private key only its owner reads and never prints it', async () => {
    const run = await sopflow(['hub', 'keygen', '--out', 'keys']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(statSync(join(dir, 'keys/hub-key.pem')).mode & 0o777, 0o600);
    assert.match(readFileSync(join(dir, 'keys/hub-key.pem'), 'utf8'), /BEGIN PRIVATE KEY/);
    assert.doesNotMatch(run.stdout + run.stderr, /PRIVATE KEY/);
    assert.match(run.stdout, /^publisher ed25519:[0-9a-f]{32}$/m);
    assert.equal((await sopflow(['hub', 'keygen', '--out', 'keys'])).status, 1, 'an existing key is kept');
  });

  it('publishes with the token from the environment; without one it stops before sending anything', async () => {
    const none = await sopflow(['hub', 'publish', 'release-checklist.osop', '--key', 'keys/hub-key.pem']);
    assert.equal(none.status, 2);
    assert.match(none.stderr, /SOPFLOW_HUB_TOKEN or pipe it to --token-stdin/);
    const run = await sopflow(['hub', 'publish', 'release-checklist.osop', '--key', 'keys/hub-key.pem'], asWriter());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^published release-checklist@2\.1\.0 \(sha256 [0-9a-f]{12}…, publisher ed25519:[0-9a-f]{32}\)$/m);
    const viaStdin = await sopflow(['hub', 'publish', join(EXAMPLES, 'api-call-sequence.osop'), '--key', 'keys/hub-key.pem', '--token-stdin'], {}, `${f.tokenA}\n`);
    assert.equal(viaStdin.status, 0, viaStdin.stderr);
    writeFileSync(join(dir, 'changed.osop'), CHECKLIST.replace('Build the release notes', 'Write the notes'));
    const changed = await sopflow(['hub', 'publish', 'changed.osop', '--key', 'keys/hub-key.pem'], asWriter());
    assert.equal(changed.status, 1);
    assert.match(changed.stderr, /release-checklist@2\.1\.0 is already published with other content.*\(conflict\)/);
    assert.equal(hasStackTrace(changed.stderr), false);
  });

  it('searches by words and filters, as text and JSON', async () => {
    const run = await sopflow(['hub', 'search', 'release notes', '--node-type', 'system']);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^release-checklist@2\.1\.0 {2}Release checklist$/m);
    const json = JSON.parse((await sopflow(['hub', 'search', '--service', 'api.example.com', '--json'])).stdout);
    assert.deepEqual(json.results.map((r: any) => r.name), ['take-first-payment']);
    assert.equal((await sopflow(['hub', 'search', '--sort', 'loudest'])).status, 2);
  });

  it('pulls with the hash and signature checked, and refuses a tampered answer without writing the file', async () => {
    const run = await sopflow(['hub', 'pull', 'release-checklist@2.1.0', '--out', 'pulled.osop']);
    assert.equal(run.status, 0, run.stderr);
    assert.equal(readFileSync(join(dir, 'pulled.osop'), 'utf8'), CHECKLIST);
    assert.match(run.stdout, /sha256 [0-9a-f]{64} ✓\n {2}signed by ed25519:[0-9a-f]{32} ✓/);
    const bad = await sopflow(['hub', 'pull', 'release-checklist', '--hub', tampered, '--out', 'evil.osop']);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /refused release-checklist from the hub: the document hashes to .* it was changed \(invalid_data\)/);
    assert.equal(existsSync(join(dir, 'evil.osop')), false);
  });

  it("reports this store's finished runs (figures only) and the ranking lists the version", async () => {
    for (let i = 0; i < 3; i++) assert.equal((await sopflow(['run', 'release-checklist.osop', '--db', 'local.db'])).status, 0);
    const dry = await sopflow(['hub', 'report', 'release-checklist@2.1.0', '--db', 'local.db', '--dry-run', '--json']);
    assert.equal(dry.status, 0, dry.stderr);
    assert.deepEqual(Object.keys(JSON.parse(dry.stdout)).sort(), ['name', 'p50Ms', 'p95Ms', 'runs', 'succeeded', 'version']);
    const run = await sopflow(['hub', 'report', 'release-checklist@2.1.0', '--db', 'local.db'], asWriter());
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^reported release-checklist@2\.1\.0: 3 runs, 3 succeeded, p50 \d+ ms, p95 \d+ ms$/m);
    const none = await sopflow(['hub', 'report', 'take-first-payment@1.0.0', '--db', 'local.db'], asWriter());
    assert.equal(none.status, 2);
    assert.match(none.stderr, /no finished runs of take-first-payment@1\.0\.0/);
    const ranking = await sopflow(['hub', 'ranking']);
    assert.match(ranking.stdout, /^ 1\. release-checklist@2\.1\.0 {2}3 runs, 100\.0 % succeeded/m);
  });
});
