import type { ReportFormat } from '../diff/report-blocks.js';
import { formatRate, renderBlocks } from '../diff/report-blocks.js';
import { DEVIATION_CLASSES } from './classifier-rules.js';
import type { DebriefReport } from './debrief.js';

const outcomeText = (runIds: readonly string[], what: string): string => `${runIds.length} ${what}${runIds.length === 0 ? '' : ` (${runIds.slice(0, 5).join(', ')}${runIds.length > 5 ? ', …' : ''})`}`;

/** Pure; a debrief as text, markdown or JSON. */
export function renderDebrief(report: DebriefReport, format: ReportFormat | 'json'): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  const p = (x: number): string => (x < 0.0001 ? x.toExponential(2) : x.toFixed(4));
  return renderBlocks([
    { type: 'heading', level: 1, text: `Debrief: ${report.workflowId}${report.workflowVersion ? `@${report.workflowVersion}` : ''}` },
    { type: 'line', text: `${report.runs} runs${report.window.since ? ` since ${report.window.since}` : ''}${report.window.until ? ` until ${report.window.until}` : ''}; ${formatRate(report.adherence.runRate)} followed the process exactly; mean fitness ${report.adherence.meanFitness?.toFixed(3) ?? '–'}` },
    { type: 'line', text: `deviations: ${Object.entries(report.classes).map(([k, v]) => `${k} ${v}`).join(', ')}` },
    { type: 'line', text: `outcomes: ${outcomeText(report.outcomes.approvalDenied, 'approval denied')}, ${outcomeText(report.outcomes.cancelled, 'cancelled')}` },
    { type: 'heading', level: 2, text: 'Adherence per step' },
    { type: 'table', headers: ['step', 'runs with a deviation', 'adherence'], rows: report.adherence.perStep.map((s) => [s.nodeId, String(s.runsWithDeviation), formatRate(s.rate)]) },
    { type: 'heading', level: 2, text: 'Deviations' },
    { type: 'table', headers: ['run', 'kind', 'step', 'class', 'rule', 'what happened'], rows: report.deviations.map((d) => [d.runId, d.kind, d.nodeId, d.class, d.rule, d.detail]) },
    { type: 'heading', level: 2, text: 'Outcome correlation' },
    { type: 'table', headers: ['pattern', 'runs with', 'good with', 'good without', 'Fisher p', 'direction'], rows: report.correlations.map((c) => [
      c.pattern, String(c.runsWith), `${c.goodWith}/${c.runsWith} (${formatRate(c.rateWith)})`,
      c.rateWithout === undefined ? '–' : `${c.goodWithout}/${c.runsWithout} (${formatRate(c.rateWithout)})`, p(c.pValue), c.direction,
    ]) },
    { type: 'heading', level: 2, text: 'Update candidates (awaiting approval)' },
    { type: 'list', items: report.updateCandidates.map((u) => `${u.id} ${u.title} — ${u.classification} by ${u.evidence.rule}; ${u.evidence.runs} runs (${u.evidence.runIds.slice(0, 5).join(', ')}${u.evidence.runIds.length > 5 ? ', …' : ''}), good ${formatRate(u.evidence.rateWith)} with vs ${formatRate(u.evidence.rateWithout)} without, p = ${p(u.evidence.pValue)}`) },
    { type: 'heading', level: 2, text: 'Institutional memory' },
    { type: 'list', items: report.memory.entries.map((m) => `${m.pattern}${m.team ? ` (team ${m.team})` : ''}: ${m.runs} runs over ${m.debriefs} debrief(s) — ${m.description}`) },
    ...(report.groups.length === 0 ? [] : [
      { type: 'heading' as const, level: 2 as const, text: 'By group' },
      { type: 'table' as const, headers: ['group', 'runs', 'adherence', ...DEVIATION_CLASSES], rows: report.groups.map((g) => [
        g.key, String(g.runs), formatRate(g.runRate), ...DEVIATION_CLASSES.map((c) => String(g.classes[c])),
      ]) },
    ]),
  ], format);
}
