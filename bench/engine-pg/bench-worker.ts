// One sopflow worker process for bench/engine-pg/run.ts: argv URL SCHEMA CONCURRENCY [WARM] [PROFILE_DIR]. With WARM > 0 it first runs WARM runs
// of the bench's workflow in a scratch schema of its own (dropped after) and opens its pool, so the round measures a warm process. Prints "ready", waits for a line
// on stdin, runs `runWorker` until idle, then prints one JSON line: its step latencies, CPU time, last step's wall time, and
// (Linux) its write system calls and the times the kernel preempted its threads. With PROFILE_DIR it writes a V8 CPU profile of the
// round alone (from "go" to idle: no start-up, module loading or warm-up) to PROFILE_DIR/worker-PID.cpuprofile.
import { once } from 'node:events';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { createEngine, parseWorkflowSource, runWorker, type RunEvent } from '@sopflow/engine';
import { createPostgresStore } from '@sopflow/store';
import { dropTestSchema } from '../../packages/store/src/test-support/postgres-test-schema.js';
import { countStoreCalls, type StoreCalls } from './count-store-calls.js';

const [url, schema, concurrency, warm = '0', profileDir] = process.argv.slice(2);
const opened = await createPostgresStore(url, { schema });
if (Number(warm) > 0) await warmUp(Number(warm));
const { store, calls } = countStoreCalls(opened);
const latencies: number[] = [];
const started = new Map<string, number>();
let steps = 0;
let lastStepAt = 0;
// The store calls and CPU as of this worker's last step: what comes after is the cost of deciding it is done.
let callsAtLastStep: StoreCalls = {};
let cpuAtLastStep = process.cpuUsage();
// CPU as of the worker's 100th step: the steps after it show its cost per step once its code is compiled.
const WARM_STEPS = 100;
let cpuAtWarmStep = process.cpuUsage();
const engine = createEngine({
  store,
  onEvents: (runId: string, events: readonly RunEvent[]) => {
    const now = performance.now();
    for (const e of events) {
      if (e.type === 'StepStarted') started.set(`${runId}/${e.nodeId}`, now);
      else if (e.type === 'StepCompleted') {
        latencies.push(now - (started.get(`${runId}/${e.nodeId}`) ?? now));
        steps += 1;
        lastStepAt = Date.now();
        callsAtLastStep = { ...calls };
        if (steps === WARM_STEPS) cpuAtWarmStep = process.cpuUsage();
        cpuAtLastStep = process.cpuUsage();
      }
    }
  },
});
/** JIT-compiles the worker's path on `runs` runs in a scratch schema, then opens the bench pool's connections. */
async function warmUp(runs: number): Promise<void> {
  const [run] = await opened.listRuns({ limit: 1 });
  const source = parseWorkflowSource((await opened.readWorkflow(run.workflowHash))!);
  const scratch = `${schema}_w${process.pid}`;
  const warmStore = await createPostgresStore(url, { schema: scratch });
  const warmEngine = createEngine({ store: warmStore });
  for (let i = 0; i < runs; i++) await warmEngine.startRun(source, {}, { detach: true });
  await runWorker({ engine: warmEngine, store: warmStore, untilIdle: true, concurrency: Number(concurrency) });
  await warmStore.close();
  await dropTestSchema(scratch);
  await Promise.all(Array.from({ length: Number(concurrency) + 2 }, () => opened.getRun('warm-up')));
}
/** Write system calls, and involuntary (preempted) and voluntary (went to sleep waiting) context switches summed over the process's threads; zeros where /proc is absent. */
function kernelCounts(): { writes: number; preempted: number; slept: number } {
  const field = (text: string, key: string) => Number(text.split('\n').find((line) => line.startsWith(`${key}:`))?.split(':')[1] ?? 0);
  try {
    const tasks = readdirSync('/proc/self/task').map((tid) => readFileSync(`/proc/self/task/${tid}/status`, 'utf8'));
    const sum = (key: string) => tasks.reduce((n, status) => n + field(status, key), 0);
    return { writes: field(readFileSync('/proc/self/io', 'utf8'), 'syscw'), preempted: sum('nonvoluntary_ctxt_switches'), slept: sum('voluntary_ctxt_switches') };
  } catch {
    return { writes: 0, preempted: 0, slept: 0 };
  }
}
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const profiler = profileDir === undefined ? undefined : new Session();
if (profiler !== undefined) {
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.start');
}
const kernel0 = kernelCounts();
const cpu0 = process.cpuUsage();
const report = await runWorker({ engine, store, untilIdle: true, concurrency: Number(concurrency) });
const cpu = process.cpuUsage(cpu0);
const tailCpu = process.cpuUsage(cpuAtLastStep);
const afterWarm = { user: cpuAtLastStep.user - cpuAtWarmStep.user, system: cpuAtLastStep.system - cpuAtWarmStep.system };
const kernel = kernelCounts();
if (profiler !== undefined) writeFileSync(`${profileDir}/worker-${process.pid}.cpuprofile`, JSON.stringify((await profiler.post('Profiler.stop')).profile));
await store.close();
process.stdout.write(`${JSON.stringify({ latencies, steps, runs: report.runsHandled, cpuUs: cpu.user + cpu.system, systemUs: cpu.system, lastStepAt, errors: report.errors.length, writes: kernel.writes - kernel0.writes, preempted: kernel.preempted - kernel0.preempted, slept: kernel.slept - kernel0.slept, calls, callsAtLastStep, tailCpuUs: tailCpu.user + tailCpu.system, cpuUsPerStepAfterWarm: steps > WARM_STEPS ? (afterWarm.user + afterWarm.system) / (steps - WARM_STEPS) : 0, endedAt: Date.now() })}\n`, () => process.exit(0));
