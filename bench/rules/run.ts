// bench/rules — how long the semantic rules take on a large workflow, apart from parsing.
// Run: node --conditions=sopflow-source --import tsx bench/rules/run.ts
// Uses the generated 5,000-node / ~10,000-edge workflow of bench/validate. Prints per-rule CPU
// time and the median of runRules (wall and CPU), after warm-up runs.
import { cpus, loadavg } from 'node:os';
import { ALL_RULES, loadWorkflow, runRules, type Rule, type RuleContext } from '@sopflow/format';
import { generateLargeWorkflow } from '../validate/generate-workflow.js';

const WARM = 3;
const RUNS = 12;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function cpuMs(start: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1000;
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}, Node ${process.version}\n`);
const { text, nodes, edges } = generateLargeWorkflow(5000);
const perRule = new Map<string, number[]>();
const timed: Rule[] = ALL_RULES.map((rule) => ({
  ...rule,
  check(ctx: RuleContext) {
    const start = process.cpuUsage();
    const found = rule.check(ctx);
    const list = perRule.get(rule.code) ?? [];
    list.push(cpuMs(start));
    perRule.set(rule.code, list);
    return found;
  },
}));
const wall: number[] = [];
const cpu: number[] = [];
let findings = 0;
for (let i = 0; i < WARM + RUNS; i++) {
  // A fresh workflow object each run: the graph, SCC and CEL caches are per workflow.
  const loaded = loadWorkflow(text, 'generated.osop');
  const source = loaded.source;
  if (loaded.workflow === undefined || source === undefined) throw new Error('generated workflow did not load');
  const ctx: RuleContext = { workflow: loaded.workflow, file: 'generated.osop', locate: (path) => source.locate(path) };
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  findings = runRules(ctx, i >= WARM ? timed : ALL_RULES).length;
  if (i >= WARM) {
    cpu.push(cpuMs(c0));
    wall.push(performance.now() - t0);
  }
}
console.log(`| workflow | rules | median wall ms | median CPU ms | findings |`);
console.log(`|---|---|---|---|---|`);
console.log(`| ${nodes} nodes / ${edges} edges | ${ALL_RULES.length} | ${median(wall).toFixed(1)} | ${median(cpu).toFixed(1)} | ${findings} |`);
console.log('\nslowest rules (median CPU ms, including first use of the shared graph and CEL caches):');
const slowest = [...perRule].map(([code, xs]) => [code, median(xs)] as const).sort((a, b) => b[1] - a[1]).slice(0, 6);
for (const [code, ms] of slowest) console.log(`  ${code.padEnd(28)} ${ms.toFixed(1)}`);
