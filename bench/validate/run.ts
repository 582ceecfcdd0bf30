// bench/validate — how fast sopflow checks documents.
// Run: npm run build && node --conditions=sopflow-source --import tsx bench/validate/run.ts
//  (a) in-process: validateSource on a generated 5,000-node / 10,000-edge workflow (goal < 100 ms)
//  (b) whole process: `sopflow validate FILE` per example, Node start-up included (goal < 250 ms;
//      OSOP's reference Python CLI takes about 1 s per call on this machine). `npm run build`
//      also bundles the CLI (scripts/bundle-cli.mjs), which is what makes start-up fast.
// The machine is shared, so besides wall time the table gives CPU time (user + system): in-process
// from process.cpuUsage(), per process from GNU time (/usr/bin/time) when it is installed.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { validateSource } from '@sopflow/format';
import { generateLargeWorkflow } from './generate-workflow.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'apps/cli/bin/sopflow.js');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)];
}
/** Wall ms, CPU ms (user + system) and the result of f. */
function time<T>(f: () => T): [number, number, T] {
  const t0 = process.hrtime.bigint();
  const used = process.cpuUsage();
  const r = f();
  const spent = process.cpuUsage(used);
  return [Number(process.hrtime.bigint() - t0) / 1e6, (spent.user + spent.system) / 1000, r];
}
const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${load()}\n`);

// (a) in-process
const { text, nodes, edges } = generateLargeWorkflow(5000);
const warm = 3;
const runs = 15;
const samples: number[] = [];
const cpuSamples: number[] = [];
let diagnostics = 0;
for (let i = 0; i < warm + runs; i++) {
  const [ms, cpuMs, report] = time(() => validateSource(text, 'generated.osop'));
  if (i >= warm) {
    samples.push(ms);
    cpuSamples.push(cpuMs);
  }
  diagnostics = report.diagnostics.length;
  if (!report.valid) throw new Error(`generated workflow is invalid: ${JSON.stringify(report.diagnostics.slice(0, 3))}`);
}
console.log('(a) in-process validateSource (parse + schema + normalise + rules)');
console.log(`| workflow | size | median CPU ms | median wall ms | p95 wall ms | diagnostics | goal |`);
console.log(`|---|---|---|---|---|---|---|`);
console.log(`| generated | ${nodes} nodes / ${edges} edges, ${(text.length / 1024).toFixed(0)} KiB | ${median(cpuSamples).toFixed(1)} | ${median(samples).toFixed(1)} | ${p95(samples).toFixed(1)} | ${diagnostics} | < 100 ms |`);

// (b) whole process
const examples = readdirSync(join(root, 'examples')).filter((f) => /\.(osop|sop)$/.test(f)).sort();
const reps = 7;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
/** Wall and CPU ms of each run after one warm-up; CPU is NaN without GNU time. */
function spawnMs(args: string[]): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps + 1; i++) {
    const [command, argv] = gnuTime ? [gnuTime, ['-f', '@cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
    const t0 = process.hrtime.bigint();
    const r = spawnSync(command, argv, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
    const used = /@cpu ([\d.]+) ([\d.]+)/.exec(r.stderr);
    if (i === 0) continue;
    wall.push(ms);
    cpu.push(used ? (Number(used[1]) + Number(used[2])) * 1000 : Number.NaN);
  }
  return { wall, cpu };
}
// The bin script falls back to the unbundled dist/ when a `tsc -b` ran after the last bundle;
// re-bundle first so the figures are those of `npm run build`.
const bundling = spawnSync(process.execPath, [join(root, 'scripts/bundle-cli.mjs')], { cwd: root, encoding: 'utf8' });
const bundled = bundling.status === 0;
if (!bundled) console.log(`bundling failed, measuring the unbundled CLI: ${bundling.stderr.trim()}`);
console.log(`\n(b) whole process: \`sopflow validate FILE\` (Node start-up included; CLI ${bundled ? 'bundled' : 'NOT bundled'})`);
console.log(`| file | median CPU ms | median wall ms | p95 wall ms | goal |`);
console.log(`|---|---|---|---|---|`);
const row = (label: string, s: { wall: number[]; cpu: number[] }, goal: string): void =>
  console.log(`| ${label} | ${median(s.cpu).toFixed(0)} | ${median(s.wall).toFixed(0)} | ${p95(s.wall).toFixed(0)} | ${goal} |`);
row('(node -e "" — start-up floor)', spawnMs(['-e', '']), '');
for (const f of examples) row(f, spawnMs([bin, 'validate', join('examples', f)]), '< 250 ms (OSOP CLI ≈ 1,000 ms)');
console.log(`\nload average at the end: ${load()}`);
