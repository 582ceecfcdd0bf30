// Where validateSource spends its time on a generated 5,000-node / 10,000-edge workflow
// (bench/validate's generator), phase by phase. Median of 9 runs after one warm-up.
// Usage: node --conditions=sopflow-source --import tsx packages/format/scripts/measure-phases.ts
import { cpus, loadavg } from 'node:os';
import { checkSchema, normaliseWorkflow, parseSource, runRules, validateSource } from '@sopflow/format';
import { generateLargeWorkflow } from '../../../bench/validate/generate-workflow.js';

const { text, nodes, edges } = generateLargeWorkflow(5000);
// Wall time and CPU time (user + system) of this process: on a shared, loaded machine the CPU
// time is the steadier figure.
const median = (fn: () => unknown): [number, number] => {
  fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    const used = process.cpuUsage();
    fn();
    const spent = process.cpuUsage(used);
    wall.push(performance.now() - start);
    cpu.push((spent.user + spent.system) / 1000);
  }
  return [wall.sort((a, b) => a - b)[4], cpu.sort((a, b) => a - b)[4]];
};
const source = parseSource(text, 'big.osop').source!;
const workflow = normaliseWorkflow(source).workflow!;
const rows: [string, [number, number]][] = [
  ['parseSource', median(() => parseSource(text, 'big.osop'))],
  ['schema, sopflow level', median(() => checkSchema(source, 'sopflow'))],
  ['schema, full level', median(() => checkSchema(source, 'full'))],
  ['normalise', median(() => normaliseWorkflow(source))],
  ['semantic rules', median(() => runRules({ workflow, file: 'big.osop', locate: source.locate }))],
  ['validateSource (all)', median(() => validateSource(text, 'big.osop'))],
  ['validateSource --compat full', median(() => validateSource(text, 'big.osop', { compat: 'full' }))],
];
console.log(`${nodes} nodes, ${edges} edges, ${(text.length / 1024).toFixed(0)} KB; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()[0].toFixed(1)}`);
console.log(`${'phase'.padEnd(30)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(8)}`);
for (const [label, [wall, cpu]] of rows) console.log(`${label.padEnd(30)} ${wall.toFixed(1).padStart(8)} ${cpu.toFixed(1).padStart(8)}`);
