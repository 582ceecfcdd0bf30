import type { ReportBlock } from './report-blocks.js';
import { assertNever, formatMs, formatRate, renderBlocks } from './report-blocks.js';
import type { RunSetDiff } from './diff-run-sets.js';
import type { RunDiff } from './diff-runs.js';
import type { WorkflowDiff } from './diff-workflows.js';

export type AnyDiff = WorkflowDiff | RunDiff | RunSetDiff;

/** Pure; a diff as text, markdown or JSON (the JSON is the diff object itself, pretty-printed). */
export function renderDiff(diff: AnyDiff, format: 'text' | 'markdown' | 'json'): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return renderBlocks(diffBlocks(diff), format);
}

/** Pure; the report blocks of a diff (for callers that assemble larger reports). */
export function diffBlocks(diff: AnyDiff): ReportBlock[] {
  switch (diff.kind) {
    case 'workflow': return workflowBlocks(diff);
    case 'run': return runBlocks(diff);
    case 'run-set': return runSetBlocks(diff);
    default: return assertNever(diff);
  }
}

const v = (side: { id: string; version?: string }): string => `${side.id}${side.version ? `@${side.version}` : ''}`;
const show = (value: unknown): string => (value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value));

function workflowBlocks(d: WorkflowDiff): ReportBlock[] {
  const blocks: ReportBlock[] = [{ type: 'heading', level: 1, text: `Process diff ${v(d.a)} → ${v(d.b)}` }];
  blocks.push({ type: 'heading', level: 2, text: 'Summary' }, { type: 'list', items: d.summary.map((c) => `[${c.severity}] ${c.message}`) });
  const fieldRows = [
    ...d.workflowFields.map((f) => ['(process)', f.field, show(f.before), show(f.after)]),
    ...d.nodes.changed.flatMap((c) => c.fields.map((f) => [c.previousId ? `${c.previousId} → ${c.id}` : c.id, f.field, show(f.before), show(f.after)])),
  ];
  blocks.push({ type: 'heading', level: 2, text: 'Steps' }, { type: 'list', items: [
    ...d.nodes.added.map((n) => `added ${n.id} (${n.type})`),
    ...d.nodes.removed.map((n) => `removed ${n.id} (${n.type})`),
    ...d.nodes.renamed.map((r) => `renamed ${r.from} → ${r.to} (similarity ${r.score})`),
  ] });
  if (fieldRows.length > 0) blocks.push({ type: 'heading', level: 2, text: 'Changed fields' }, { type: 'table', headers: ['step', 'field', 'before', 'after'], rows: fieldRows });
  const edge = (e: { from: string; to: string; mode: string; when?: string }): string => `${e.from} → ${e.to} (${e.mode}${e.when ? `, when ${e.when}` : ''})`;
  blocks.push({ type: 'heading', level: 2, text: 'Edges' }, { type: 'list', items: [
    ...d.edges.added.map((e) => `added ${edge(e)}`),
    ...d.edges.removed.map((e) => `removed ${edge(e)}`),
    ...d.edges.changed.map((e) => `changed ${e.from} → ${e.to}: ${e.fields.map((f) => `${f.field} ${show(f.before)} → ${show(f.after)}`).join(', ')}`),
  ] });
  return blocks;
}

function runBlocks(d: RunDiff): ReportBlock[] {
  const money = (x?: number): string => (x === undefined ? '–' : `$${x.toFixed(4)}`);
  return [
    { type: 'heading', level: 1, text: `Run diff ${d.a.runId} → ${d.b.runId}` },
    { type: 'table', headers: ['', 'A', 'B'], rows: [
      ['run', d.a.runId, d.b.runId], ['version', d.a.workflowVersion ?? '–', d.b.workflowVersion ?? '–'],
      ['status', d.a.status, d.b.status], ['outcome', d.a.outcome ?? '–', d.b.outcome ?? '–'],
      ['duration', formatMs(d.a.durationMs), formatMs(d.b.durationMs)], ['retries', String(d.a.retries), String(d.b.retries)],
      ['failures', String(d.a.failures), String(d.b.failures)], ['cost', money(d.a.costUsd), money(d.b.costUsd)],
      ['tokens in/out', `${d.a.inputTokens}/${d.a.outputTokens}`, `${d.b.inputTokens}/${d.b.outputTokens}`],
    ] },
    { type: 'heading', level: 2, text: d.samePath ? 'Path (same in both)' : 'Path' },
    { type: 'line', text: d.path.map((m) => (m.in === 'both' ? m.activity : m.in === 'a' ? `-${m.activity}` : `+${m.activity}`)).join(' → ') },
    { type: 'heading', level: 2, text: 'Steps' },
    { type: 'table', headers: ['step', 'time A', 'time B', 'attempts A/B', 'failures A/B', 'decision A', 'decision B'], rows: d.steps.map((s) => [
      s.activity, formatMs(s.durationA), formatMs(s.durationB), `${s.attemptsA}/${s.attemptsB}`, `${s.failuresA}/${s.failuresB}`, s.decisionA ?? '–', s.decisionB ?? '–',
    ]) },
  ];
}

function runSetBlocks(d: RunSetDiff): ReportBlock[] {
  return [
    { type: 'heading', level: 1, text: `Runs ${d.a.label} → ${d.b.label}` },
    { type: 'table', headers: ['', d.a.label, d.b.label], rows: [
      ['runs', String(d.a.runs), String(d.b.runs)],
      ['success rate', `${formatRate(d.a.successRate)} (${d.a.succeeded}/${d.a.runs})`, `${formatRate(d.b.successRate)} (${d.b.succeeded}/${d.b.runs})`],
    ] },
    { type: 'heading', level: 2, text: 'Per step (duration per attempt)' },
    { type: 'table', headers: ['step', `n ${d.a.label}`, `n ${d.b.label}`, `p50 ${d.a.label}`, `p50 ${d.b.label}`, `p95 ${d.a.label}`, `p95 ${d.b.label}`, `fail ${d.a.label}`, `fail ${d.b.label}`],
      rows: d.steps.map((s) => [s.activity, String(s.countA), String(s.countB), formatMs(s.p50A), formatMs(s.p50B), formatMs(s.p95A), formatMs(s.p95B), formatRate(s.failureRateA), formatRate(s.failureRateB)]) },
  ];
}
