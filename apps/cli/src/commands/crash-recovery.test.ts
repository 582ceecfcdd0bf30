import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isProcessAlive, processGroupMembers } from '@sopflow/engine';
import { createSqliteStore } from '@sopflow/store';
import { runSopflow, SOPFLOW_BIN } from '../test-support/run-sopflow.js';
import { LONG_STEP_WORKFLOW } from '../../../../packages/engine/test-support/long-step-workflow.js';


const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface Setup { dir: string; db: string; marker: string; inputs: string[] }

function setup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'sopflow-cli-crash-'));
  writeFileSync(join(dir, 'long.osop'), LONG_STEP_WORKFLOW);
  const marker = join(dir, 'marker');
  return { dir, db: join(dir, 'state.db'), marker, inputs: ['--input', `node=${process.execPath}`, '--input', `marker=${marker}`] };
}

/** Starts the real binary in the background; output is collected. */
function start(args: string[], cwd: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [SOPFLOW_BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

/** Waits until the step is in flight: the marker holds the pid of a live child. */
async function stepInFlight(s: Setup): Promise<number> {
  for (let i = 0; i < 3000; i++) {
    if (existsSync(s.marker) && readFileSync(s.marker, 'utf8') !== '') {
      const pid = Number(readFileSync(s.marker, 'utf8'));
      if (isProcessAlive(pid)) return pid;
    }
    await sleep(20);
  }
  return assert.fail('the step never started');
}

async function runStatus(db: string, runId: string): Promise<{ status?: string; events: string[] }> {
  const store = await createSqliteStore(db, { readonly: true });
  try {
    return { status: (await store.getRun(runId))?.status, events: (await store.readEvents(runId)).map((e) => e.type) };
  } finally {
    await store.close();
  }
}

describe('crash recovery (real sopflow processes)', () => {
  it('a SIGKILLed worker\'s run is taken over at once by `sopflow worker --until-idle`, which kills the orphaned step first', { timeout: 120_000 }, async () => {
    const s = setup();
    const detached = runSopflow(['run', 'long.osop', '--detach', '--json', '--db', s.db, ...s.inputs], { cwd: s.dir });
    assert.equal(detached.status, 0, detached.stderr);
    const runId = (JSON.parse(detached.stdout) as { id: string }).id;
    const worker = start(['worker', '--db', s.db], s.dir);
    try {
      const childPid = await stepInFlight(s);
      assert.ok((await runStatus(s.db, runId)).events.includes('StepStarted'));
      worker.child.kill('SIGKILL');
      await worker.exited;
      const killedAt = Date.now();
      assert.equal(isProcessAlive(childPid), true, 'the step outlived its SIGKILLed worker');
      const idle = runSopflow(['worker', '--until-idle', '--db', s.db], { cwd: s.dir });
      const tookMs = Date.now() - killedAt;
      assert.equal(idle.status, 0, idle.stderr);
      assert.match(idle.stderr, new RegExp(`took over run ${runId} from worker pid ${worker.child.pid} on host .+, which is gone`));
      assert.equal((await runStatus(s.db, runId)).status, 'completed');
      assert.deepEqual(processGroupMembers(childPid), []);
      process.stderr.write(`cli takeover: run ${runId} completed ${tookMs} ms after its worker was SIGKILLed (sopflow worker --until-idle, including start-up; lease 10000 ms)\n`);
    } finally {
      worker.child.kill('SIGKILL');
    }
  });

  it('Ctrl-C (SIGINT) on `sopflow run` names the run, kills the step\'s process group past --grace-ms, and `sopflow resume` finishes it', { timeout: 120_000 }, async () => {
    const s = setup();
    const run = start(['run', 'long.osop', '--db', s.db, '--grace-ms', '300', ...s.inputs], s.dir);
    try {
      const childPid = await stepInFlight(s);
      run.child.kill('SIGINT');
      assert.equal(await run.exited, 130, run.output());
      const named = /interrupted: run (r-[0-9a-f]+) is running; continue with `sopflow resume \1`/.exec(run.output());
      assert.ok(named, run.output());
      assert.deepEqual(processGroupMembers(childPid), []);
      const resumed = runSopflow(['resume', named[1], '--db', s.db], { cwd: s.dir });
      assert.equal(resumed.status, 0, resumed.stderr);
      assert.match(resumed.stdout, new RegExp(`run ${named[1]} is completed`));
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('`sopflow worker --until-idle` and `sopflow resume` exit 1 naming the live worker that holds the run; SIGTERM drains that worker', { timeout: 120_000 }, async () => {
    const s = setup();
    const detached = runSopflow(['run', 'long.osop', '--detach', '--json', '--db', s.db, ...s.inputs], { cwd: s.dir });
    const runId = (JSON.parse(detached.stdout) as { id: string }).id;
    const worker = start(['worker', '--db', s.db, '--grace-ms', '200'], s.dir);
    try {
      const childPid = await stepInFlight(s);
      const idle = runSopflow(['worker', '--until-idle', '--max-wait-ms', '500', '--db', s.db], { cwd: s.dir });
      assert.equal(idle.status, 1, idle.stderr);
      assert.match(idle.stderr, new RegExp(`run ${runId} is not done: held by worker pid ${worker.child.pid} on host .+, which is alive and working on it`));
      const resume = runSopflow(['resume', runId, '--db', s.db], { cwd: s.dir });
      assert.equal(resume.status, 1, resume.stderr);
      assert.match(resume.stderr, new RegExp(`run ${runId} is not taken over: held by worker pid ${worker.child.pid}`));
      worker.child.kill('SIGTERM');
      assert.equal(await worker.exited, 130, worker.output());
      assert.match(worker.output(), new RegExp(`interrupted: run ${runId} is waiting; continue with \`sopflow worker\` or \`sopflow resume ${runId}\``));
      assert.deepEqual(processGroupMembers(childPid), []);
      const after = runSopflow(['worker', '--until-idle', '--db', s.db], { cwd: s.dir });
      assert.equal(after.status, 0, after.stderr);
      assert.equal((await runStatus(s.db, runId)).status, 'completed');
    } finally {
      worker.child.kill('SIGKILL');
    }
  });
});
