import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFleet, SOPFLOW_BIN, type FleetWorker } from './open-fleet.js';

// Real `sopflow worker` processes (build the CLI first: `npm run build`), idle: nothing to run.
const WINDOW_MS = 10_000;
const TICK_MS = 10; // CPU time in /proc is counted in clock ticks (CLK_TCK = 100 here)

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** User + system CPU time a process has used, in ms, from /proc/PID/stat (fields 14 and 15). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/**
 * V8's memory reducer: once a fresh process goes quiet, V8 runs a few full GCs on its helper threads (about 8–10 s after
 * its last big collection; 100–150 ms of CPU here, seen in a `--cpu-prof` profile as "(garbage collector)" and nothing
 * else, and gone with this flag). A one-off of the runtime, not of waiting, so the measured workers run without it.
 */
const NO_MEMORY_REDUCER = ['--no-memory-reducer'];

/** Waits out start-up (module loading, the first claim, the LISTEN connection): 2 s, then until none of `pids` used CPU over a whole second (at most 60 s more). */
async function settled(pids: readonly number[]): Promise<void> {
  await sleep(2000);
  for (let i = 0; i < 60; i++) {
    const before = pids.map(cpuMs);
    await sleep(1000);
    if (pids.every((pid, k) => cpuMs(pid) === before[k])) return;
  }
}

describe('an idle fleet (real processes)', () => {
  it(`3 idle workers on PostgreSQL use no measurable CPU over ${WINDOW_MS / 1000} s (they wait on LISTEN); 3 idle SQLite workers, which poll every 250 ms, are measured beside them`, { timeout: 300_000 }, async () => {
    const fleet = await openFleet({ workflow: () => 'osop_version: "1.1"\nid: one\nname: One step\nnodes:\n  - { id: a, type: system, runtime: { action: noop } }\nedges: []\n', leaseMs: 10_000, concurrency: 8 });
    const polling: ChildProcess[] = [];
    try {
      const listening: FleetWorker[] = [0, 1, 2].map(() => fleet.startWorker([], NO_MEMORY_REDUCER));
      const db = join(fleet.dir, 'poll.db');
      await fleet.cli(['db', 'migrate', '--db', db]); // created once, before three workers open it
      const pollingErrors: string[] = [];
      for (let i = 0; i < 3; i++) {
        const child = spawn(process.execPath, [...NO_MEMORY_REDUCER, SOPFLOW_BIN, 'worker', '--db', db], { env: { ...process.env, SOPFLOW_DB: '', SOPFLOW_AUDIT_KEY_FILE: join(fleet.dir, 'audit.key') }, stdio: ['ignore', 'ignore', 'pipe'] });
        child.stderr?.on('data', (chunk: Buffer) => { pollingErrors[i] = (pollingErrors[i] ?? '') + chunk.toString(); });
        polling.push(child);
      }
      for (let i = 0; i < 600 && (await fleet.store.listWorkers()).length < 3; i++) await sleep(100);
      assert.equal((await fleet.store.listWorkers()).length, 3, 'the PostgreSQL workers started');
      assert.deepEqual(polling.map((p) => p.exitCode), [null, null, null], `the SQLite workers started: ${pollingErrors.join(' | ')}`);
      const pids = { listening: listening.map((w) => w.pid), polling: polling.map((p) => p.pid ?? 0) };
      // A worker that keeps burning CPU while idle still shows it in the window below.
      await settled(pids.listening);
      const before = { listening: pids.listening.map(cpuMs), polling: pids.polling.map(cpuMs) };
      await sleep(WINDOW_MS);
      const used = {
        listening: pids.listening.map((pid, i) => cpuMs(pid) - before.listening[i]),
        polling: pids.polling.map((pid, i) => cpuMs(pid) - before.polling[i]),
      };
      assert.equal(listening.filter((w) => w.exited()).length, 0, 'no worker exited');
      process.stderr.write(`idle fleet over ${WINDOW_MS / 1000} s, CPU per worker from /proc: PostgreSQL (LISTEN) ${used.listening.join(', ')} ms; `
        + `SQLite (250 ms poll) ${used.polling.join(', ')} ms\n`);
      // Two ticks per worker allow a heartbeat (one per lease length) and the clock-tick rounding.
      for (const ms of used.listening) assert.ok(ms <= 2 * TICK_MS, `an idle PostgreSQL worker used ${ms} ms of CPU in ${WINDOW_MS} ms`);
      assert.ok([...before.listening, ...before.polling].every((ms) => ms > 0), 'the reading sees CPU time: each worker used some to start');
    } finally {
      for (const child of polling) child.kill('SIGKILL');
      await fleet.close();
    }
  });
});
