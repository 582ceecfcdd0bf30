import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunEvent } from '@sopflow/engine';
import { createPostgresStore } from '../postgres/create-postgres-store.js';
import { tempDir } from '../test-support/contract-stores.js';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../test-support/postgres-test-schema.js';

// The fleet test runs the built CLI (`npm run build` first): 3 `sopflow worker` processes on one PostgreSQL schema.
const SOPFLOW_BIN = fileURLToPath(new URL('../../../../apps/cli/bin/sopflow.js', import.meta.url));
const RUNS = Number(process.env.SOPFLOW_FLEET_RUNS ?? 40);
const LEASE_MS = 3000;

/** Each run: a fan-out to a chain of two non-idempotent cli steps (each appends one line), a person's step, and a step that times out after 1 s. */
function fleetWorkflow(lines: string): string {
  const script = "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\n')";
  const append = (step: string) => JSON.stringify([process.execPath, '-e', script, lines, `\${inputs.tag}:${step}`]);
  return `osop_version: "1.1"
id: fleet
name: Fleet run
inputs: [{ name: tag }]
nodes:
  - { id: start, type: system, runtime: { action: noop } }
  - { id: a, type: cli, runtime: { command: ${append('a')} } }
  - { id: c, type: cli, runtime: { command: ${append('c')} } }
  - { id: review, type: human, role: ops }
  - { id: wait, type: human, role: nobody, timeout_sec: 1 }
  - { id: late, type: system, runtime: { action: noop } }
edges:
  - { from: start, to: a }
  - { from: start, to: review }
  - { from: start, to: wait }
  - { from: a, to: c }
  - { from: wait, to: late, mode: timeout }
`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('fleet on PostgreSQL (3 sopflow worker processes)', () => {
  it(`${RUNS} runs with parallel branches, timers, people and non-idempotent cli steps survive a SIGKILLed worker and a SIGSTOPped one: every run ends, every chain verifies, no cli step ran twice`, { timeout: 900_000 }, async () => {
    assert.ok(existsSync(SOPFLOW_BIN), 'build the CLI first (npm run build)');
    const schema = await freshTestSchema();
    const dir = tempDir();
    const lines = join(dir, 'lines.txt');
    writeFileSync(lines, '');
    const file = join(dir, 'fleet.osop');
    writeFileSync(file, fleetWorkflow(lines));
    const env = { ...process.env, NO_COLOR: '1', SOPFLOW_DB: TEST_POSTGRES_URL, SOPFLOW_DB_SCHEMA: schema, SOPFLOW_AUDIT_KEY_FILE: join(dir, 'audit.key') };
    const cli = (args: string[]) => {
      const result = spawnSync(process.execPath, [SOPFLOW_BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });
      // A task closed between listing and answering (cancelled by its run) is a race a person meets too.
      if (result.status !== 0 && /\(task_closed\)/.test(result.stderr)) return '';
      if (result.status !== 0) throw new Error(`sopflow ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
      return result.stdout;
    };
    const workers: ChildProcess[] = [];
    const startWorker = () => {
      const worker = spawn(process.execPath, [SOPFLOW_BIN, 'worker', '--lease-ms', String(LEASE_MS), '--concurrency', '8'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      worker.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
      (worker as ChildProcess & { log: () => string }).log = () => stderr;
      workers.push(worker);
      return worker;
    };
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    try {
      cli(['users', 'add', 'olga', '--role', 'ops', '--os-user', userInfo().username]);
      for (let i = 0; i < RUNS; i++) cli(['run', file, '--detach', '--input', `tag=r${i}`]);
      for (let i = 0; i < 3; i++) startWorker();
      const [killed, paused] = workers;

      const answered = new Set<string>();
      let killedAt = -1;
      let pausedAt = -1;
      let lostCount = 0;
      for (let round = 0; ; round++) {
        const runs = await store.listRuns();
        const completed = runs.filter((r) => r.status === 'completed').length;
        // Mid-way: one worker SIGKILLed; another paused past its lease, then resumed.
        if (killedAt < 0 && completed >= RUNS / 4) { killed.kill('SIGKILL'); killedAt = completed; }
        if (pausedAt < 0 && killedAt >= 0) {
          paused.kill('SIGSTOP');
          pausedAt = completed;
          await sleep(LEASE_MS * 2);
          paused.kill('SIGCONT');
        }
        if (completed === RUNS) break;
        // The script: people answer their tasks through the CLI as their directory user.
        for (const task of await store.listTasks({ status: 'open' })) {
          if (answered.has(task.id)) continue;
          if (task.kind === 'did-this-happen') {
            const tag = runs.find((r) => r.id === task.runId) === undefined ? '' : await tagOf(task.runId);
            const happened = readFileSync(lines, 'utf8').split('\n').includes(`${tag}:${task.nodeId}`);
            cli(['task', 'complete', task.id, ...(happened ? ['--data', '{}'] : ['--not-done'])]);
            lostCount += 1;
          } else if (task.role === 'ops') {
            cli(['task', 'complete', task.id, '--data', '{}']);
          } else {
            continue;
          }
          answered.add(task.id);
        }
        assert.ok(round < 3000, `the fleet did not finish: ${completed}/${RUNS} runs completed`);
        await sleep(300);
      }

      const runs = await store.listRuns();
      assert.equal(runs.length, RUNS);
      assert.ok(runs.every((r) => r.status === 'completed'), JSON.stringify(runs.filter((r) => r.status !== 'completed')));
      const audit = await store.verifyAuditChain();
      assert.equal(audit.ok, true, JSON.stringify(audit.breaks.slice(0, 3)));
      const written = readFileSync(lines, 'utf8').split('\n').filter((l) => l !== '');
      const counts = new Map<string, number>();
      for (const line of written) counts.set(line, (counts.get(line) ?? 0) + 1);
      const twice = [...counts].filter(([, n]) => n > 1);
      assert.deepEqual(twice, [], 'no non-idempotent step ran twice');
      assert.equal(counts.size, 2 * RUNS, 'every cli step ran once');
      let fired = 0;
      for (const run of runs) {
        const events = (await store.readEvents(run.id)).map((e) => e.data as RunEvent);
        fired += events.filter((e) => e.type === 'TimerFired').length;
        assert.equal(events.filter((e) => e.type === 'StepCompleted' && e.nodeId === 'late').length, 1);
      }
      process.stderr.write(`fleet: ${RUNS} runs completed on 3 workers (one SIGKILLed after ${killedAt} runs, one SIGSTOPped ${2 * LEASE_MS} ms after ${pausedAt}); `
        + `${written.length} cli lines, each once; ${lostCount} "did this happen?" tasks answered from the file; ${fired} timers fired; audit ok over ${audit.eventsChecked} events\n`);
    } finally {
      for (const worker of workers) { worker.kill('SIGCONT'); worker.kill('SIGKILL'); }
      await store.close();
      await dropTestSchema(schema);
    }

    async function tagOf(runId: string): Promise<string> {
      const first = (await store.readEvents(runId))[0]?.data as { inputs?: { tag?: string } } | undefined;
      return first?.inputs?.tag ?? '';
    }
  });
});
