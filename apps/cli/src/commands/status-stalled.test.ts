import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';

// The step writes its pid to the marker and then runs for five minutes.
const LONG_STEP = "require('fs').writeFileSync(process.argv[1],String(process.pid));setTimeout(()=>{},300000)";
const LONG = `osop_version: "1.1"
id: long
name: Long step
inputs: [{ name: node }, { name: marker }]
nodes:
  - { id: long, type: cli, idempotent: true, runtime: { command: ${JSON.stringify(['${inputs.node}', '-e', LONG_STEP, '${inputs.marker}'])} } }
edges: []
`;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface StatusJson { id: string; status: string; stalled: { state: string; reason: string; holder: { pid: number; host: string } | null } | null; held_by: string | null }

describe('status and runs show a stalled run and why (real binary)', () => {
  it('names the live worker holding a run, then — once that worker is SIGKILLed — says the run is stalled and how to go on', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-stalled-'));
    writeFileSync(join(dir, 'long.osop'), LONG);
    const db = join(dir, 'state.db');
    const marker = join(dir, 'marker');
    const detached = runSopflow(['run', 'long.osop', '--detach', '--json', '--db', db, '--input', `node=${process.execPath}`, '--input', `marker=${marker}`], { cwd: dir });
    assert.equal(detached.status, 0, detached.stderr);
    const runId = (JSON.parse(detached.stdout) as { id: string }).id;

    const unclaimed = JSON.parse(runSopflow(['status', runId, '--json', '--db', db], { cwd: dir }).stdout) as StatusJson;
    assert.equal(unclaimed.stalled?.state, 'unclaimed', 'a detached run nobody works on');

    const worker = spawn(process.execPath, [SOPFLOW_BIN, 'worker', '--db', db], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise((resolve) => worker.on('close', resolve));
    let stepPid = 0;
    try {
      for (let i = 0; i < 3000 && stepPid === 0; i++) {
        if (existsSync(marker) && readFileSync(marker, 'utf8') !== '') stepPid = Number(readFileSync(marker, 'utf8'));
        else await sleep(20);
      }
      assert.ok(stepPid > 0, 'the step never started');
      const held = JSON.parse(runSopflow(['status', runId, '--json', '--db', db], { cwd: dir }).stdout) as StatusJson;
      assert.equal(held.stalled, null);
      assert.match(held.held_by ?? '', new RegExp(`worker pid ${worker.pid} on host .*alive`));
      assert.match(runSopflow(['status', runId, '--db', db], { cwd: dir }).stdout, new RegExp(`held by worker pid ${worker.pid}`));
    } finally {
      worker.kill('SIGKILL');
      await exited;
    }
    try {
      const status = JSON.parse(runSopflow(['status', runId, '--json', '--db', db], { cwd: dir }).stdout) as StatusJson;
      assert.equal(status.status, 'running');
      assert.equal(status.stalled?.state, 'dead-owner');
      assert.deepEqual({ pid: status.stalled?.holder?.pid, host: status.stalled?.holder?.host }, { pid: worker.pid, host: hostname() });
      const text = runSopflow(['status', runId, '--db', db], { cwd: dir }).stdout;
      assert.match(text, new RegExp(`stalled: held by worker pid ${worker.pid} on host .*, which is gone — run \`sopflow worker --until-idle\``));
      const runs = JSON.parse(runSopflow(['runs', '--json', '--db', db], { cwd: dir }).stdout) as StatusJson[];
      assert.equal(runs.find((r) => r.id === runId)?.stalled?.state, 'dead-owner');
      assert.match(runSopflow(['runs', '--db', db], { cwd: dir }).stdout, new RegExp(`${runId} .*stalled: held by worker pid ${worker.pid}`));
    } finally {
      try { process.kill(-stepPid, 'SIGKILL'); } catch { /* already gone */ }
    }
  });
});
