// Where validateSource spends its time on a generated 5,000-node / 10,000-edge workflow
// (bench/validate's generator), phase by phase. Median of 9 runs after one warm-up.
// Usage: node --conditions=sopflow-source --import tsx packages/format/scripts/measure-phases.ts
import { cpus } from 'node:os';
import { checkSchema, normaliseWorkflow, parseSource, runRules, validateSource } from '@sopflow/format';
import { generateLargeWorkflow } from '../../../bench/validate/generate-workflow.js';

const { text, nodes, edges } = generateLargeWorkflow(5000);
const median = (fn: () => unknown): number => {
  fn();
  const times: number[] = [];
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[4];
};
const source = parseSource(text, 'big.osop').source!;
const workflow = normaliseWorkflow(source).workflow!;
const rows: [string, number][] = [
  ['parse (js-yaml + spans)', median(() => parseSource(text, 'big.osop'))],
  ['schema, sopflow level', median(() => checkSchema(source, 'sopflow'))],
  ['schema, full level', median(() => checkSchema(source, 'full'))],
  ['normalise', median(() => normaliseWorkflow(source))],
  ['semantic rules', median(() => runRules({ workflow, file: 'big.osop', locate: source.locate }))],
  ['validateSource (all)', median(() => validateSource(text, 'big.osop'))],
  ['validateSource --compat full', median(() => validateSource(text, 'big.osop', { compat: 'full' }))],
];
console.log(`${nodes} nodes, ${edges} edges, ${(text.length / 1024).toFixed(0)} KB; ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
for (const [label, ms] of rows) console.log(`${label.padEnd(30)} ${ms.toFixed(1).padStart(7)} ms`);
