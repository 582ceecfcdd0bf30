// One sopflow worker process for bench/engine-pg/run.ts: argv URL SCHEMA CONCURRENCY. Prints "ready", waits for a line
// on stdin, runs `runWorker` until idle, then prints one JSON line: its step latencies, CPU time and last step's wall time.
import { once } from 'node:events';
import { createEngine, runWorker, type RunEvent } from '@sopflow/engine';
import { createPostgresStore } from '@sopflow/store';

const [url, schema, concurrency] = process.argv.slice(2);
const store = await createPostgresStore(url, { schema });
const latencies: number[] = [];
const started = new Map<string, number>();
let steps = 0;
let lastStepAt = 0;
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
      }
    }
  },
});
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const cpu0 = process.cpuUsage();
const report = await runWorker({ engine, store, untilIdle: true, concurrency: Number(concurrency) });
const cpu = process.cpuUsage(cpu0);
await store.close();
process.stdout.write(`${JSON.stringify({ latencies, steps, runs: report.runsHandled, cpuUs: cpu.user + cpu.system, lastStepAt, errors: report.errors.length })}\n`, () => process.exit(0));
