import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSqliteStore } from '@sopflow/store';
import { createCliExecutor, createEngine, parseWorkflowSource, runWorker, type RunEvent } from '../index.js';

const WORKER = fileURLToPath(new URL('../../test-support/crash-worker.ts', import.meta.url));
const RUNS = 20;
const KILLS = 15;

// Parallel branches of non-idempotent cli steps that each append one line, a join, a timer (a
// person's step with a 1 s timeout and a timeout edge), and for every fourth run a review by a person.
const WORKFLOW = parseWorkflowSource(`osop_version: "1.1"
id: crash
name: Crash test
inputs: [{ name: i }, { name: node }, { name: file }]
nodes:
  - { id: start, type: system, runtime: { action: noop } }
${['a', 'b', 'c'].map((b) => `  - { id: ${b}, type: cli, runtime: { command: ["\${inputs.node}", "-e", "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\\\n')", "\${inputs.file}", "\${inputs.i}-${b}"] } }`).join('\n')}
  - { id: join, type: system, runtime: { action: noop } }
  - { id: wait, type: human, role: nobody, timeout_sec: 1 }
  - { id: after, type: cli, runtime: { command: ["\${inputs.node}", "-e", "require('fs').appendFileSync(process.argv[1], process.argv[2] + '\\\\n')", "\${inputs.file}", "\${inputs.i}-after"] } }
  - { id: review, type: human, role: auditor }
  - { id: end, type: system, runtime: { action: noop } }
edges:
  - { from: start, to: a, mode: parallel }
  - { from: start, to: b, mode: parallel }
  - { from: start, to: c, mode: parallel }
  - { from: a, to: join }
  - { from: b, to: join }
  - { from: c, to: join }
  - { from: join, to: wait }
  - { from: wait, to: after, mode: timeout }
  - { from: after, to: review, mode: conditional, when: "inputs.i % 4 == 0" }
  - { from: after, to: end, mode: conditional, when: "inputs.i % 4 != 0" }
`);

function startWorker(db: string): { ready: Promise<void>; kill: () => Promise<void> } {
  const child = spawn(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', WORKER, db], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
    void exited.then(() => resolve());
  });
  return { ready, kill: async () => { child.kill('SIGKILL'); await exited; } };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('crash safety', () => {
  it(`survives ${KILLS} SIGKILLs of the worker: every run ends completed or waiting on a person, no event lost or doubled, chains intact, no non-idempotent step ran twice`, { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sopflow-crash-'));
    const db = join(dir, 'crash.db');
    const lines = join(dir, 'lines.txt');
    const setupStore = await createSqliteStore(db);
    const setup = createEngine({ store: setupStore, executors: [createCliExecutor()] });
    for (let i = 0; i < RUNS; i++) await setup.startRun(WORKFLOW, { i, node: process.execPath, file: lines }, { detach: true });
    await setupStore.close();

    let seed = 12345;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    for (let k = 0; k < KILLS; k++) {
      const worker = startWorker(db);
      await worker.ready;
      // The worker waits out the dead one's lease (250 ms), then works; kill it somewhere in there.
      await sleep(250 + Math.floor(random() * 400));
      await worker.kill();
    }
    const probe = await createSqliteStore(db);
    const before = await probe.listRuns();
    const eventsByWorkers = before.reduce((sum, r) => sum + r.version, 0);
    await probe.close();

    const store = await createSqliteStore(db);
    const engine = createEngine({ store, executors: [createCliExecutor()], leaseTtlMs: 250, owner: 'final' });
    for (let round = 0; round < 100; round++) {
      await sleep(300);
      await runWorker({ engine, store, leaseTtlMs: 250, untilIdle: true });
      const runs = await store.listRuns();
      const settled = await Promise.all(runs.map(async (r) => r.status === 'completed' || (r.status === 'waiting' && (await store.listTasks({ runId: r.id, status: 'open' })).length > 0 && (await store.dueTimers(r.id, new Date(Date.now() + 10_000))).length === 0)));
      if (settled.every(Boolean)) break;
    }

    const runs = await store.listRuns();
    assert.equal(runs.length, RUNS);
    const counts = new Map<string, number>();
    for (const line of existsSync(lines) ? readFileSync(lines, 'utf8').split('\n').filter(Boolean) : []) counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const [line, n] of counts) assert.equal(n, 1, `non-idempotent step ${line} ran ${n} times`);
    let didThisHappen = 0;
    for (const run of runs) {
      const stored = await store.readEvents(run.id);
      assert.deepEqual(stored.map((e) => e.seq), stored.map((_, i) => i + 1), `run ${run.id}: seq contiguous`);
      const events = stored.map((e) => e.data as RunEvent);
      const open = await store.listTasks({ runId: run.id, status: 'open' });
      didThisHappen += open.filter((t) => t.kind === 'did-this-happen').length;
      assert.ok(run.status === 'completed' || (run.status === 'waiting' && open.length > 0), `run ${run.id} is ${run.status} with ${open.length} open tasks`);
      const completedSteps = events.filter((e) => e.type === 'StepCompleted').map((e) => (e as { nodeId: string }).nodeId);
      assert.equal(new Set(completedSteps).size, completedSteps.length, `run ${run.id}: a step completed twice`);
    }
    assert.equal((await store.verifyAuditChain()).ok, true);
    process.stderr.write(`crash test: ${KILLS} kills; the killed workers wrote ${eventsByWorkers} events; ${RUNS} runs, ${counts.size} cli lines, ${didThisHappen} "did this happen?" tasks\n`);
    await store.close();
  });
});
