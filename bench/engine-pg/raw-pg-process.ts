// One raw `pg` loop process for bench/engine-pg/run.ts's control rows: argv URL SCHEMA CONNECTIONS RUNS STEPS PREFIX. Opens nothing until
// released: prints "ready", waits for a line on stdin, runs `rawPgCeiling` on its share of the runs, then prints one JSON line: its
// steps, CPU time and the wall time its last step ended — the same figures bench-worker.ts gives for sopflow's workers.
import { once } from 'node:events';
import { rawPgCeiling } from './raw-pg-ceiling.js';

const [url, schema, connections, runs, steps, prefix] = process.argv.slice(2);
process.stdout.write('ready\n');
await once(process.stdin, 'data');
const cpu0 = process.cpuUsage();
const result = await rawPgCeiling(url, schema, Number(connections), Number(runs), Number(steps), prefix);
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ steps: result.latencies.length, cpuUs: cpu.user + cpu.system, lastStepAt: Date.now() })}\n`, () => process.exit(0));
