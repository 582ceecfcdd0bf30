// Engine throughput, side by side: node --import tsx bench/engine/run.ts [--runs 2000] [--steps 10] [--rounds 3]
// (a) raw better-sqlite3 ceiling, (b) sopflow on SQLite (1 run at a time and 8 concurrent; NORMAL and
// FULL), (c) sopflow on the memory store, (d) bpmn-engine and XState 5 on the same job (in memory).
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createEngine, type RunEvent } from '@sopflow/engine';
import { trivialWorkflow } from '../trivial-workflow.js';
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

const source = trivialWorkflow(STEPS);

interface Row { name: string; runsPerSec: number; stepsPerSec: number; p50?: number; p99?: number; note?: string; cpuUsPerStep?: number }

async function sopflow(name: string, store: RunStore, concurrency: number, runs = RUNS): Promise<Row> {
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
    while (next < runs) {
      const i = next++;
      await engine.startRun(source, { i });
    }
  }));
  const seconds = (performance.now() - t0) / 1000;
  const completed = (await store.listRuns({ status: 'completed' })).length;
  if (completed !== runs) throw new Error(`${name}: ${completed} of ${runs} runs completed`);
  latencies.sort((a, b) => a - b);
  const pick = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  await store.close();
  return { name, runsPerSec: runs / seconds, stepsPerSec: (runs * STEPS) / seconds, p50: pick(0.5), p99: pick(0.99) };
}

async function peer(name: string, runOnce: () => Promise<void>, runs: number): Promise<Row> {
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await runOnce();
  const seconds = (performance.now() - t0) / 1000;
  return { name, runsPerSec: runs / seconds, stepsPerSec: (runs * STEPS) / seconds };
}

async function sqliteFile(name: string, synchronous: 'NORMAL' | 'FULL'): Promise<RunStore> {
  return createSqliteStore(join(dir, `${name}.db`), { synchronous });
}

// Other work on the machine moves every figure; so each setup runs in ROUNDS interleaved rounds
// (raw, sopflow, peers, raw, sopflow, ...) of RUNS / ROUNDS runs, and the table shows the median round.
const ROUNDS = arg('rounds', 3);
const perRound = Math.max(1, Math.floor(RUNS / ROUNDS));
type Setup = { name: string; run: (round: number) => Promise<Row>; ceiling?: 'NORMAL' | 'FULL' };
const setups: Setup[] = [];
for (const sync of ['NORMAL', 'FULL'] as const) {
  setups.push({
    name: `(a) raw better-sqlite3, synchronous=${sync}`,
    run: async (round) => {
      const file = join(dir, `raw-${sync}-${round}.db`);
      await (await createSqliteStore(file, { synchronous: sync })).close();
      const raw = rawCeiling(file, sync, perRound, STEPS);
      return { name: '', runsPerSec: raw.stepsPerSec / STEPS, stepsPerSec: raw.stepsPerSec };
    },
  });
  for (const concurrency of [1, 8]) {
    setups.push({
      name: `(b) sopflow SQLite ${sync}, ${concurrency} at a time`, ceiling: sync,
      run: async (round) => sopflow('', await sqliteFile(`sopflow-${sync}-${concurrency}-${round}`, sync), concurrency, perRound),
    });
  }
}
setups.push({ name: '(c) sopflow memory store, 1 at a time', run: async () => sopflow('', createMemoryStore(), 1, perRound) });
setups.push({ name: '(c) sopflow memory store, 8 at a time', run: async () => sopflow('', createMemoryStore(), 8, perRound) });
setups.push({ name: '(d) bpmn-engine 25 (memory)', run: async () => peer('', createBpmnRunner(STEPS), perRound) });
setups.push({ name: '(d) XState 5 (memory, one promise per state)', run: async () => peer('', createXstateRunner(STEPS), perRound) });

const loadBefore = loadavg();
const results = new Map<string, Row[]>();
for (let round = 0; round < ROUNDS; round++) {
  for (const setup of setups) {
    try {
      // CPU time (user + system) moves far less than wall time when other jobs share the machine.
      const cpu0 = process.cpuUsage();
      const row = await setup.run(round);
      const cpu = process.cpuUsage(cpu0);
      row.cpuUsPerStep = (cpu.user + cpu.system) / (perRound * STEPS);
      results.set(setup.name, [...(results.get(setup.name) ?? []), row]);
    } catch (error) {
      console.error(`${setup.name}: ${(error as Error).message}`);
    }
  }
}
const loadAfter = loadavg();
const median = (rows: Row[]) => [...rows].sort((a, b) => a.stepsPerSec - b.stepsPerSec)[Math.floor(rows.length / 2)];
const rows: Row[] = [];
const ceilings: Record<string, number> = {};
const cpuCeilings: Record<string, number> = {};
for (const setup of setups) {
  const list = results.get(setup.name);
  if (list === undefined) continue;
  const row = { ...median(list), name: setup.name };
  if (setup.name.startsWith('(a)')) ceilings[setup.name.endsWith('NORMAL') ? 'NORMAL' : 'FULL'] = row.stepsPerSec;
  if (setup.name.startsWith('(a)')) cpuCeilings[setup.name.endsWith('NORMAL') ? 'NORMAL' : 'FULL'] = row.cpuUsPerStep ?? 0;
  if (setup.ceiling !== undefined) {
    const byCpu = row.cpuUsPerStep === undefined ? '' : ` (by CPU time ${Math.round((cpuCeilings[setup.ceiling] / row.cpuUsPerStep) * 100)}%)`;
    row.note = `${Math.round((row.stepsPerSec / ceilings[setup.ceiling]) * 100)}% of (a)${byCpu}`;
  }
  rows.push(row);
}
const xstate = rows.find((r) => r.name.startsWith('(d) XState'));
const bpmn = rows.find((r) => r.name.startsWith('(d) bpmn'));
for (const row of rows) {
  if (row.name.startsWith('(c)') && xstate !== undefined) row.note = `${(xstate.stepsPerSec / row.stepsPerSec).toFixed(2)}× slower than XState`;
  if (row.name.startsWith('(b)') && bpmn !== undefined) row.note = `${row.note ?? ''}; ${(row.stepsPerSec / bpmn.stepsPerSec).toFixed(1)}× bpmn-engine`;
}
rmSync(dir, { recursive: true, force: true });

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits));
console.log(`\n${RUNS} runs × ${STEPS} sequential trivial steps per setup (median of ${ROUNDS} interleaved rounds of ${perRound}), Node ${process.version}`);
console.log(`load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after, on ${cpus().length} cores\n`);
console.log('| setup | runs/s | steps/s | CPU µs/step | p50 step ms | p99 step ms | note |');
console.log('|---|---:|---:|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${fmt(r.runsPerSec)} | ${fmt(r.stepsPerSec)} | ${fmt(r.cpuUsPerStep)} | ${fmt(r.p50, 3)} | ${fmt(r.p99, 3)} | ${r.note ?? ''} |`);
