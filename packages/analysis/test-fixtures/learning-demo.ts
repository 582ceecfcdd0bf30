/**
 * The learning loop end to end on this folder's fixtures, printing what each step gives (the output
 * pasted in README-learning.md). Run from the repository root:
 *   node --conditions=sopflow-source --import tsx packages/analysis/test-fixtures/learning-demo.ts [section]
 * Sections: diff, runs, stats, debrief, delegation, transcript, synthesize (default: all).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadWorkflow, stringifyWorkflow } from '@sopflow/format';
import type { RunRecord, Workflow } from '../src/index.js';
import {
  anonymise, assessReadiness, computeStats, conformRuns, debrief, relabelRecords, diffRunSets, diffRuns, diffWorkflows, importClaudeCodeTranscript, rankPortfolio,
  readOsoplog, renderDebrief, renderDiff, renderStats, synthesizeWorkflow, transcriptLabel,
} from '../src/index.js';

const here = new URL('.', import.meta.url);
const read = (path: string): string => readFileSync(new URL(path, here), 'utf8');
function workflow(path: string): Workflow {
  const { workflow: wf, diagnostics } = loadWorkflow(read(path), path);
  if (wf === undefined) throw new Error(diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
  return wf;
}
const runs: RunRecord[] = readdirSync(new URL('refund/runs/', here)).sort().map((f) => readOsoplog(read(`refund/runs/${f}`), f).record as RunRecord);
const v1 = workflow('refund/refund-v1.osop');
const v2 = workflow('refund/refund-v2.osop');
const sessions = readdirSync(new URL('transcripts/', here)).filter((f) => f.startsWith('fix-test')).sort()
  .map((f) => importClaudeCodeTranscript(read(`transcripts/${f}`), { runId: f.replace('.jsonl', ''), file: f }).record);
const section = process.argv[2];
const show = (name: string, text: () => string): void => {
  if (section === undefined || section === name) console.log(`===== ${name} =====\n${text()}`);
};

show('diff', () => renderDiff(diffWorkflows(v1, v2), 'text'));
show('runs', () => renderDiff(diffRuns(runs[0], runs[13]), 'text') + renderDiff(diffRunSets(runs.filter((r) => r.team === 'north'), runs.filter((r) => r.team === 'south'), { labelA: 'north', labelB: 'south' }), 'text'));
show('stats', () => renderStats(computeStats(runs), 'text'));
show('debrief', () => renderDebrief(debrief(v1, runs, { by: 'team' }), 'markdown'));
show('anonymise', () => JSON.stringify(anonymise([runs[3]], { salt: 'demo-export-salt' })[0], null, 1).slice(0, 900));
show('delegation', () => {
  const readiness = assessReadiness(v1, runs);
  const lines = readiness.flatMap((r) => [`${r.nodeId.padEnd(16)} ${r.scope.padEnd(10)} ${r.state ?? ''} → ${r.suggestedState ?? ''}`, ...r.summary.map((l) => `  ${l}`)]);
  const portfolio = rankPortfolio(v1.id, runs, readiness);
  const top = portfolio.items[0];
  return [...lines, '', ...portfolio.items.map((i) => `#${i.rank} ${i.nodeId.padEnd(16)} ${i.monthlyValue === undefined ? i.history.note : `${i.monthlyValue.toFixed(2).padStart(9)} USD/month`}`), '',
    ...(top === undefined ? [] : [`assumptions for ${top.nodeId}:`, ...Object.entries(top.assumptions).map(([k, a]) => `  ${k} = ${+a.value.toFixed(4)} ${a.unit} (${a.source}: ${a.note})`)])].join('\n');
});
show('transcript', () => sessions.map((s) => `${s.runId}: ${s.steps.length} tool calls, ${s.steps.filter((x) => x.status === 'FAILED').length} failed, outcome ${s.outcome}, phases ${[...new Set(s.steps.map((x) => x.phase))].join('/')}`).join('\n'));
show('synthesize', () => {
  const result = synthesizeWorkflow(sessions, { labelOf: transcriptLabel, id: 'fix-failing-test', name: 'Fix a failing test' });
  return `${stringifyWorkflow(result.workflow)}\n${result.rationale}`;
});
show('conform-draft', () => {
  const draft = synthesizeWorkflow(sessions, { labelOf: transcriptLabel, id: 'fix-failing-test' }).workflow;
  const report = conformRuns(draft, relabelRecords(sessions, transcriptLabel));
  return [...report.runs.map((r) => `${r.runId}  fitness ${r.fitness?.toFixed(3)}  ${r.deviations.map((d) => d.pattern).join(', ')}`), `mean fitness ${report.fitness?.toFixed(3)}`].join('\n');
});
