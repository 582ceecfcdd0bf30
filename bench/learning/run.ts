/**
 * Speed of the learning loop on generated runs of the refund fixture process (one command):
 *   node --conditions=sopflow-source --import tsx bench/learning/run.ts [runs]
 * Prints a table: runs, variants, and for conformRuns (graph walk and A*), debrief, computeStats, synthesizeWorkflow
 * (mined and with the process as base) and the transcript import: time and heap growth.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadWorkflow } from '@sopflow/format';
import type { RunRecord } from '@sopflow/analysis';
import { seededRandom } from '../seeded-random.js';
import { computeStats, conformRuns, createPetriNetAligner, createRunRecord, createStepRecord, debrief, importClaudeCodeTranscript, synthesizeWorkflow } from '@sopflow/analysis';

const root = fileURLToPath(new URL('../../', import.meta.url));
const count = Number(process.argv[2] ?? 10_000);
const loaded = loadWorkflow(readFileSync(`${root}packages/analysis/test-fixtures/refund/refund-v1.osop`, 'utf8'), 'refund-v1.osop');
if (loaded.workflow === undefined) throw new Error('cannot load the refund fixture');
const workflow = loaded.workflow;

const rnd = seededRandom(42);
const teams = ['north', 'south', 'east', 'west'];
const runs: RunRecord[] = Array.from({ length: count }, (_, i) => {
  const amount = Math.round(rnd() * 3000);
  const team = teams[i % 4];
  const path = ['intake', 'fraud-check'];
  if (rnd() > 0.03) path.push('verify-identity');
  path.push('triage');
  if (amount > 1000 && rnd() > 0.02) path.push('approve');
  path.push('pay');
  if (rnd() < 0.05) path.push('pay');
  if (team === 'north' && rnd() < 0.6) path.push('call-customer');
  path.push('notify');
  let t = Date.UTC(2026, 0, 1) + i * 600_000;
  const steps = path.map((nodeId) => {
    const start = t;
    t += Math.round(rnd() * 600_000);
    return createStepRecord({ nodeId, startedAt: new Date(start).toISOString(), endedAt: new Date(t).toISOString(), role: nodeId === 'approve' ? 'supervisor' : nodeId === 'fraud-check' ? 'agent' : 'clerk' });
  });
  return createRunRecord({ runId: `g${i}`, workflowId: workflow.id, team, inputs: { amount }, outcome: rnd() < 0.85 ? 'success' : 'failure', startedAt: steps[0].startedAt, endedAt: steps[steps.length - 1].endedAt, steps });
});

const rows: string[][] = [];
function measure(name: string, f: () => unknown): void {
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  f();
  rows.push([name, `${(performance.now() - start).toFixed(0)} ms`, `${((process.memoryUsage().heapUsed - heap) / 1048576).toFixed(1)} MB`]);
}
let variants = 0;
measure('conformRuns', () => { variants = conformRuns(workflow, runs).variants; });
measure('conformRuns (A* on the Petri net)', () => conformRuns(workflow, runs, { aligner: createPetriNetAligner(workflow) }));
measure('debrief (by team)', () => debrief(workflow, runs, { by: 'team' }));
measure('computeStats', () => computeStats(runs));
measure('synthesizeWorkflow (mined)', () => synthesizeWorkflow(runs));
measure('synthesizeWorkflow (base)', () => synthesizeWorkflow(runs, { base: workflow }));
const session = readFileSync(`${root}packages/analysis/test-fixtures/transcripts/fix-test-05.jsonl`, 'utf8');
const big = Array.from({ length: 200 }, () => session).join('');
measure(`transcript import (${(big.length / 1048576).toFixed(1)} MB JSONL)`, () => importClaudeCodeTranscript(big));
console.log(`${count} runs, ${runs.reduce((n, r) => n + r.steps.length, 0)} steps, ${variants} variants`);
const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), 10));
for (const r of [['step', 'time', 'heap +'], ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
