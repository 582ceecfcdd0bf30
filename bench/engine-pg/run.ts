// sopflow on PostgreSQL, side by side: node --conditions=sopflow-source --import tsx bench/engine-pg/run.ts [--runs 200] [--steps 10] [--history 20000] [--only raw,workers,claims,dbos]
// [--workers 1,2,4] [--concurrency 8] [--warm RUNS] [--cpu-prof DIR]; `--only rawprocs` adds the raw loop in 1, 2 and 4 processes (control for (b))
// (a) raw `pg` ceiling, 1 and 8 connections; (b) sopflow with 1, 2 and 4 worker processes; (c) claim latency, empty vs a large history;
// (d) DBOS Transact, serial and 8 concurrent. Each setup gets a fresh schema on SOPFLOW_TEST_POSTGRES_URL (default the local server), dropped after.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createEngine } from '@sopflow/engine';
import { trivialWorkflow } from '../trivial-workflow.js';
import { createPostgresStore } from '@sopflow/store';
import { dropTestSchema, freshTestSchema, TEST_POSTGRES_URL } from '../../packages/store/src/test-support/postgres-test-schema.js';
import { claimLatency } from './claim-latency.js';
import { dbosPeer } from './dbos-peer.js';
import { cpuBetween, machineCpu } from './machine-cpu.js';
import { rawPgCeiling } from './raw-pg-ceiling.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const RUNS = arg('runs', 200);
const STEPS = arg('steps', 10);
const HISTORY = arg('history', 20_000);
const CONCURRENCY = arg('concurrency', 8);
const WARM = arg('warm', 0);
const list = (name: string, fallback: string) => (process.argv.includes(`--${name}`) ? process.argv[process.argv.indexOf(`--${name}`) + 1] : fallback).split(',');
const WORKER_COUNTS = list('workers', '1,2,4').map(Number);
const WORKER = fileURLToPath(new URL('./bench-worker.ts', import.meta.url));
const RAW_PROCESS = fileURLToPath(new URL('./raw-pg-process.ts', import.meta.url));
// `--cpu-prof DIR`: each worker process writes a V8 CPU profile of its round there (open it in Chrome DevTools or summarise it).
const PROFILE_DIR = process.argv.includes('--cpu-prof') ? process.argv[process.argv.indexOf('--cpu-prof') + 1] : undefined;

const source = trivialWorkflow(STEPS);

interface Row { name: string; stepsPerSec?: number; p50?: number; p99?: number; cpuUsPerStep?: number; note?: string }
const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};

/** A fresh schema with the store's tables; `work` gets it, then it is dropped. */
async function inSchema<T>(work: (schema: string) => Promise<T>): Promise<T> {
  const schema = await freshTestSchema();
  await (await createPostgresStore(TEST_POSTGRES_URL, { schema })).close();
  try {
    return await work(schema);
  } finally {
    await dropTestSchema(schema);
  }
}

async function raw(connections: number): Promise<Row> {
  return inSchema(async (schema) => {
    const cpu0 = process.cpuUsage();
    const result = await rawPgCeiling(TEST_POSTGRES_URL, schema, connections, RUNS, STEPS);
    const cpu = process.cpuUsage(cpu0);
    return { name: `(a) raw pg, ${connections} connection${connections > 1 ? 's' : ''}`, stepsPerSec: result.stepsPerSec, p50: quantile(result.latencies, 0.5), p99: quantile(result.latencies, 0.99), cpuUsPerStep: (cpu.user + cpu.system) / (RUNS * STEPS) };
  });
}

/**
 * The control for (b): the raw loop split over `count` processes (each with CONCURRENCY connections and its share of the runs), released at
 * once as (b)'s workers are — what more processes cost on this machine with no sopflow code in them.
 */
async function rawProcesses(count: number): Promise<Row> {
  return inSchema(async (schema) => {
    const children = Array.from({ length: count }, (_, i) => spawn(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', RAW_PROCESS, TEST_POSTGRES_URL, schema, String(CONCURRENCY), String(Math.ceil(RUNS / count)), String(STEPS), `p${i}`], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
    for (const line of lines) if ((await line.next()).value !== 'ready') throw new Error('a raw pg process did not start');
    const go = Date.now();
    for (const child of children) child.stdin!.write('go\n');
    const results = await Promise.all(lines.map(async (line) => JSON.parse((await line.next()).value as string) as { steps: number; cpuUs: number; lastStepAt: number }));
    const steps = results.reduce((n, r) => n + r.steps, 0);
    return {
      name: `(a) raw pg, ${count} process${count > 1 ? 'es' : ''} × ${CONCURRENCY} connections`, stepsPerSec: steps / ((Math.max(...results.map((r) => r.lastStepAt)) - go) / 1000),
      cpuUsPerStep: results.reduce((n, r) => n + r.cpuUs, 0) / steps, note: 'control for (b): the same process counts, no sopflow code',
    };
  });
}

interface WorkerResult { latencies: number[]; steps: number; runs: number; cpuUs: number; systemUs: number; lastStepAt: number; errors: number; writes: number; preempted: number; slept: number;
  calls: Record<string, number>; callsAtLastStep: Record<string, number>; tailCpuUs: number; cpuUsPerStepAfterWarm: number; endedAt: number }

async function workers(count: number): Promise<Row> {
  return inSchema(async (schema) => {
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    const engine = createEngine({ store });
    for (let i = 0; i < RUNS; i++) await engine.startRun(source, {}, { detach: true });
    const children = Array.from({ length: count }, () => spawn(process.execPath, ['--conditions=sopflow-source', '--import', 'tsx', WORKER, TEST_POSTGRES_URL, schema, String(CONCURRENCY), String(WARM), ...(PROFILE_DIR === undefined ? [] : [PROFILE_DIR])], { stdio: ['pipe', 'pipe', 'inherit'] }));
    const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
    for (const line of lines) if ((await line.next()).value !== 'ready') throw new Error('a bench worker did not start');
    const go = Date.now();
    const cpu0 = machineCpu();
    for (const child of children) child.stdin!.write('go\n');
    const results = await Promise.all(lines.map(async (line) => JSON.parse((await line.next()).value as string) as WorkerResult));
    const machine = cpuBetween(cpu0, machineCpu());
    const completed = (await store.listRuns({ status: 'completed' })).length;
    await store.close();
    if (completed !== RUNS) throw new Error(`${count} workers: ${completed} of ${RUNS} runs completed`);
    const steps = results.reduce((n, r) => n + r.steps, 0);
    const seconds = (Math.max(...results.map((r) => r.lastStepAt)) - go) / 1000;
    const latencies = results.flatMap((r) => r.latencies);
    const callsPerStep = results.reduce((n, r) => n + Object.entries(r.calls).reduce((m, [k, c]) => m + (k.includes(':') ? 0 : c), 0), 0) / steps;
    const tailCalls = results.map((r) => Object.entries(r.calls).reduce((m, [k, c]) => m + (k.includes(':') ? 0 : c - (r.callsAtLastStep[k] ?? 0)), 0));
    console.error(`${count} workers, store calls by method per worker (after its last step in brackets): ${results.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r.calls).map(([k, c]) => [k, `${c} (${c - (r.callsAtLastStep[k] ?? 0)})`])))).join(' ')}`);
    console.error(`${count} workers, CPU µs per step after each worker's first 100 steps: ${results.map((r) => Math.round(r.cpuUsPerStepAfterWarm)).join('/')}; first 100 steps ${results.map((r) => Math.round((r.cpuUs - r.tailCpuUs - r.cpuUsPerStepAfterWarm * (r.steps - 100)) / 100)).join('/')}`);
    const perStep = (key: 'writes' | 'preempted' | 'slept' | 'systemUs') => (results.reduce((n, r) => n + r[key], 0) / steps).toFixed(1);
    return {
      name: `(b) sopflow, ${count} worker${count > 1 ? 's' : ''} (processes, concurrency ${CONCURRENCY} each${WARM > 0 ? `, warmed on ${WARM} runs` : ''})`, stepsPerSec: steps / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99),
      cpuUsPerStep: results.reduce((n, r) => n + r.cpuUs, 0) / steps, note: `runs per worker ${results.map((r) => r.runs).join('/')}; per step ${perStep('writes')} socket writes, ${perStep('slept')} sleeps, ${perStep('preempted')} preemptions, ${Math.round(Number(perStep('systemUs')))} µs of the CPU in the kernel, `
        + `${Math.round(machine.serverUs / steps)} µs PostgreSQL CPU, ${callsPerStep.toFixed(2)} store calls; after each worker's last step ${tailCalls.join('/')} store calls, `
        + `${results.map((r) => Math.round(r.tailCpuUs / 1000)).join('/')} ms CPU, ${results.map((r) => r.endedAt - r.lastStepAt).join('/')} ms; cores ${Math.round((100 * machine.busyUs) / Math.max(1, machine.totalUs))} % busy`,
    };
  });
}

async function claims(historyRuns: number): Promise<Row> {
  return inSchema(async (schema) => {
    const store = await createPostgresStore(TEST_POSTGRES_URL, { schema });
    try {
      const latencies = await claimLatency(store, schema, source, historyRuns, 50, 300);
      return { name: `(c) claimRuns(limit 1), ${historyRuns === 0 ? 'empty history' : `history of ${historyRuns} runs / ${historyRuns * 10} events`}, 50 runnable`, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), note: '300 claims, each lease released again' };
    } finally {
      await store.close();
    }
  });
}

async function dbos(): Promise<Row[]> {
  return inSchema(async (schema) => {
    const cpu0 = process.cpuUsage();
    const { serial, parallel } = await dbosPeer(TEST_POSTGRES_URL, `${schema}_dbos`, RUNS, STEPS, 8);
    const cpu = process.cpuUsage(cpu0);
    await dropTestSchema(`${schema}_dbos`);
    const cpuUsPerStep = (cpu.user + cpu.system) / (2 * RUNS * STEPS);
    const note = `same server, ${RUNS} workflows of ${STEPS} DBOS.runStep steps; CPU averaged over both rounds`;
    return [
      { name: '(d) DBOS Transact 5.3.0, serial', stepsPerSec: serial, cpuUsPerStep, note },
      { name: '(d) DBOS Transact 5.3.0, 8 concurrent', stepsPerSec: parallel, cpuUsPerStep, note },
    ];
  });
}

const loadBefore = loadavg();
const rows: Row[] = [];
const only = process.argv.includes('--only') ? list('only', '') : undefined;
const setups: [string, () => Promise<Row | Row[]>][] = [
  ['raw', () => raw(1)], ['raw', () => raw(8)], ...WORKER_COUNTS.map((n): [string, () => Promise<Row>] => ['rawprocs', () => rawProcesses(n)]),
  ...WORKER_COUNTS.map((n): [string, () => Promise<Row>] => ['workers', () => workers(n)]),
  ['claims', () => claims(0)], ['claims', () => claims(HISTORY)], ['dbos', () => dbos()],
];
for (const [group, setup] of setups) {
  if (only !== undefined && !only.includes(group)) continue;
  for (const row of [await setup()].flat()) {
    rows.push(row);
    console.error(`done: ${row.name}`);
  }
}
const loadAfter = loadavg();
const ceiling = rows.find((r) => r.name === '(a) raw pg, 1 connection')?.stepsPerSec;
const one = rows.find((r) => r.name.startsWith('(b) sopflow, 1 '))?.stepsPerSec;
for (const row of rows) {
  if (!row.name.startsWith('(b)') || row.stepsPerSec === undefined) continue;
  const ofCeiling = ceiling === undefined ? [] : [`${Math.round((row.stepsPerSec / ceiling) * 100)}% of (a) 1 connection`];
  const ofOne = one === undefined ? [] : [`${(row.stepsPerSec / one).toFixed(2)}× 1 worker`];
  row.note = `${[...ofCeiling, ...ofOne].join(', ')}; ${row.note ?? ''}`;
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '' : n.toFixed(digits));
console.log(`\n${RUNS} runs × ${STEPS} sequential trivial steps per setup (one round each), PostgreSQL at ${TEST_POSTGRES_URL.replace(/\/\/[^@]*@/, '//')}, Node ${process.version}`);
console.log(`load average (1 min) ${loadBefore[0].toFixed(2)} before, ${loadAfter[0].toFixed(2)} after, on ${cpus().length} cores shared with other jobs; CPU µs/step is the client's (bench or workers), not the server's\n`);
console.log('| setup | steps/s | p50 step ms | p99 step ms | CPU µs/step | note |');
console.log('|---|---:|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${fmt(r.stepsPerSec)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} | ${fmt(r.cpuUsPerStep)} | ${r.note ?? ''} |`);
