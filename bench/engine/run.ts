// Engine throughput, side by side: node --import tsx bench/engine/run.ts [--runs 2000] [--steps 10]
// (a) raw better-sqlite3 ceiling, (b) sopflow on SQLite (1 run at a time and 8 concurrent; NORMAL and
// FULL), (c) sopflow on the memory store, (d) bpmn-engine and XState 5 on the same job (in memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, parseWorkflowSource, type RunEvent } from '@sopflow/engine';
import { createMemoryStore, createSqliteStore, type RunStore } from '@sopflow/store';
import { createBpmnRunner, createXstateRunner } from './peers.js';
import { rawCeiling } from './raw-ceiling.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 2000);
const STEPS = arg('steps', 10);
const dir = mkdtempSync(join(tmpdir(), 'sopflow-bench-'));

const source = parseWorkflowSource(`osop_version: "1.1"
id: bench
name: ${STEPS} trivial steps
nodes:
${Array.from({ length: STEPS }, (_, i) => `  - { id: s${i}, type: system, runtime: { action: noop } }`).join('\n')}
edges:
${Array.from({ length: STEPS - 1 }, (_, i) => `  - { from: s${i}, to: s${i + 1} }`).join('\n')}
`);

interface Row { name: string; runsPerSec: number; stepsPerSec: number; p50?: number; p99?: number; note?: string }

async function sopflow(name: string, store: RunStore, concurrency: number): Promise<Row> {
  const latencies: number[] = [];
  const started = new Map<string, number>();
  const engine = createEngine({
    store,
    onEvents: (runId: string, events: readonly RunEvent[]) => {
      const now = performance.now();
      for (const e of events) {
        if (e.type === 'StepStarted') started.set(`${runId}/${e.nodeId}`, now);
        else if (e.type === 'StepCompleted') latencies.push(now - (started.get(`${runId}/${e.nodeId}`) ?? now));
      }
    },
  });
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < RUNS) {
      const i = next++;
      await engine.startRun(source, { i });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const completed = (await store.listRuns({ status: 'completed' })).length;
  if (completed !== RUNS) throw new Error(`${name}: ${completed} of ${RUNS} runs completed`);
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  await store.close();
  return { name, runsPerSec: RUNS / seconds, stepsPerSec: (RUNS * STEPS) / seconds, p50: pick(0.5), p99: pick(0.99) };
}

async function peer(name: string, runOnce: () => Promise<void>, runs: number): Promise<Row> {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await runOnce();
  const seconds = (performance.now() - t0) / 1000;
  return { name, runsPerSec: runs / seconds, stepsPerSec: (runs * STEPS) / seconds, note: runs === RUNS ? undefined : `${runs} runs` };
}

async function sqliteFile(name: string, synchronous: 'NORMAL' | 'FULL'): Promise<RunStore> {
  return createSqliteStore(join(dir, `${name}.db`), { synchronous });
}

const rows: Row[] = [];
const ceilings: Record<string, number> = {};
for (const sync of ['NORMAL', 'FULL'] as const) {
  const file = join(dir, `raw-${sync}.db`);
  await (await createSqliteStore(file, { synchronous: sync })).close();
  const raw = rawCeiling(file, sync, RUNS, STEPS);
  ceilings[sync] = raw.stepsPerSec;
  rows.push({ name: `(a) raw better-sqlite3, synchronous=${sync}`, runsPerSec: raw.stepsPerSec / STEPS, stepsPerSec: raw.stepsPerSec });
  for (const concurrency of [1, 8]) {
    const row = await sopflow(`(b) sopflow SQLite ${sync}, ${concurrency} at a time`, await sqliteFile(`sopflow-${sync}-${concurrency}`, sync), concurrency);
    row.note = `${Math.round((row.stepsPerSec / raw.stepsPerSec) * 100)}% of (a)`;
    rows.push(row);
  }
}
rows.push(await sopflow('(c) sopflow memory store, 1 at a time', createMemoryStore(), 1));
rows.push(await sopflow('(c) sopflow memory store, 8 at a time', createMemoryStore(), 8));
try {
  rows.push(await peer('(d) bpmn-engine 25 (memory)', createBpmnRunner(STEPS), RUNS));
} catch (error) {
  rows.push({ name: '(d) bpmn-engine', runsPerSec: 0, stepsPerSec: 0, note: `failed: ${(error as Error).message}` });
}
rows.push(await peer('(d) XState 5 (memory, one promise per state)', createXstateRunner(STEPS), RUNS));
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits));
console.log(`\n${RUNS} runs × ${STEPS} sequential trivial steps, Node ${process.version}\n`);
console.log('| setup | runs/s | steps/s | p50 step ms | p99 step ms | note |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${fmt(r.runsPerSec)} | ${fmt(r.stepsPerSec)} | ${fmt(r.p50, 3)} | ${fmt(r.p99, 3)} | ${r.note ?? ''} |`);
