// bench/validate — how fast sopflow checks documents.
// Run: npm run build && node --conditions=sopflow-source --import tsx bench/validate/run.ts
//  (a) in-process: validateSource on a generated 5,000-node / 10,000-edge workflow (goal < 100 ms)
//  (b) whole process: `sopflow validate FILE` per example, Node start-up included (goal < 250 ms;
//      OSOP's reference Python CLI takes about 1 s per call on this machine).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readdirSync } from 'node:fs';
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
function time<T>(f: () => T): [number, T] {
  const t0 = process.hrtime.bigint();
  const r = f();
  return [Number(process.hrtime.bigint() - t0) / 1e6, r];
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);

// (a) in-process
const { text, nodes, edges } = generateLargeWorkflow(5000);
const warm = 3;
const runs = 15;
const samples: number[] = [];
let diagnostics = 0;
for (let i = 0; i < warm + runs; i++) {
  const [ms, report] = time(() => validateSource(text, 'generated.osop'));
  if (i >= warm) samples.push(ms);
  diagnostics = report.diagnostics.length;
  if (!report.valid) throw new Error(`generated workflow is invalid: ${JSON.stringify(report.diagnostics.slice(0, 3))}`);
}
console.log('(a) in-process validateSource (parse + schema + normalise + rules)');
console.log(`| workflow | size | median ms | p95 ms | diagnostics | goal |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| generated | ${nodes} nodes / ${edges} edges, ${(text.length / 1024).toFixed(0)} KiB | ${median(samples).toFixed(1)} | ${p95(samples).toFixed(1)} | ${diagnostics} | < 100 ms |`);

// (b) whole process
const examples = readdirSync(join(root, 'examples')).filter((f) => /\.(osop|sop)$/.test(f)).sort();
const reps = 7;
function spawnMs(args: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < reps + 1; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
    if (i > 0) out.push(ms);
  }
  return out;
}
console.log('\n(b) whole process: `sopflow validate FILE` (Node start-up included)');
console.log(`| file | median ms | p95 ms | goal |`);
console.log(`|---|---|---|---|`);
const baseline = spawnMs(['-e', '']);
console.log(`| (node -e "" — start-up floor) | ${median(baseline).toFixed(0)} | ${p95(baseline).toFixed(0)} | |`);
for (const f of examples) {
  const s = spawnMs([bin, 'validate', join('examples', f)]);
  console.log(`| ${f} | ${median(s).toFixed(0)} | ${p95(s).toFixed(0)} | < 250 ms (OSOP CLI ≈ 1,000 ms) |`);
}
