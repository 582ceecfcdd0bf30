import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../../../packages/store/src/test-support/postgres-test-schema.js';

// prepare (default queue) → render (queue gpu: writes the pid of the worker that ran it) → publish (default queue).
function renderWorkflow(marker: string): string {
  const script = "require('fs').writeFileSync(process.argv[1], String(process.ppid))";
  return `osop_version: "1.1"
id: render
name: Render on the GPU machine
nodes:
  - { id: prepare, type: system, runtime: { action: noop } }
  - { id: render, type: cli, runtime: { command: ${JSON.stringify([process.execPath, '-e', script, marker])}, queue: gpu } }
  - { id: publish, type: system, runtime: { action: noop } }
edges:
  - { from: prepare, to: render }
  - { from: render, to: publish }
`;
}

interface StatusJson { status: string; stalled: { state: string; reason: string } | null }

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const schemas: string[] = [];
after(async () => { for (const schema of schemas) await dropTestSchema(schema); });

describe('sopflow worker --queue (real binary on PostgreSQL)', () => {
  it('a default worker leaves the gpu step; status says no live worker serves gpu; a --queue gpu worker runs it, the default worker finishes the run', { timeout: 300_000 }, async () => {
    const schema = await freshTestSchema();
    schemas.push(schema);
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-queue-'));
    const marker = join(dir, 'rendered-by');
    writeFileSync(join(dir, 'render.osop'), renderWorkflow(marker));
    const env = { SOPFLOW_DB: TEST_POSTGRES_URL, SOPFLOW_DB_SCHEMA: schema, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
    const sopflow = (args: string[]) => runSopflow(args, { cwd: dir, env });
    const status = (runId: string) => JSON.parse(sopflow(['status', runId, '--json']).stdout) as StatusJson;

    const started = sopflow(['run', 'render.osop', '--detach', '--json']);
    assert.equal(started.status, 0, started.stderr);
    const runId = (JSON.parse(started.stdout) as { id: string }).id;

    // A default worker that keeps running: it does prepare and leaves render ready.
    const plain = spawn(process.execPath, [SOPFLOW_BIN, 'worker', '--lease-ms', '2000'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let plainLog = '';
    plain.stderr.on('data', (chunk: Buffer) => { plainLog += chunk.toString(); });
    const plainExited = new Promise<number | null>((resolve) => plain.on('close', resolve));
    try {
      let seen = status(runId);
      for (let i = 0; i < 600 && seen.stalled?.state !== 'no-worker-for-queue'; i++) {
        await sleep(100);
        seen = status(runId);
      }
      assert.equal(seen.status, 'running');
      assert.equal(seen.stalled?.state, 'no-worker-for-queue', `status while only a default worker runs: ${JSON.stringify(seen)}`);
      assert.equal(existsSync(marker), false, 'the default worker did not run the gpu step');
      const text = sopflow(['status', runId]).stdout;
      assert.match(text, /stalled: its next step is on task queue 'gpu', which no live worker serves — start one with `sopflow worker --queue gpu`/);

      const gpu = sopflow(['worker', '--queue', 'gpu', '--until-idle', '--lease-ms', '2000']);
      assert.equal(gpu.status, 0, gpu.stderr);
      assert.match(gpu.stderr, /worker: handled 1 run\(s\)/);
      const renderedBy = Number(readFileSync(marker, 'utf8'));
      assert.notEqual(renderedBy, plain.pid, 'the gpu step ran in the gpu worker, not the default one');

      // The gpu worker left publish (default queue); the live default worker, woken, finishes the run.
      for (let i = 0; i < 600 && status(runId).status !== 'completed'; i++) await sleep(100);
      assert.equal(status(runId).status, 'completed');
    } finally {
      plain.kill('SIGTERM');
    }
    assert.equal(await plainExited, 0, plainLog);
    assert.match(plainLog, /worker: handled [1-9]\d* run\(s\)/);

    const audit = sopflow(['audit', 'verify']);
    assert.equal(audit.status, 0, audit.stdout + audit.stderr);
  });
});
