import type { ReportFormat } from '../diff/report-blocks.js';
import { formatMs, formatRate, renderBlocks } from '../diff/report-blocks.js';
import type { RunStats } from './compute-stats.js';

/** Pure; run statistics as text, markdown or JSON. */
export function renderStats(stats: RunStats, format: ReportFormat | 'json'): string {
  if (format === 'json') return `${JSON.stringify(stats, null, 2)}\n`;
  return renderBlocks([
    { type: 'heading', level: 1, text: 'Run statistics' },
    { type: 'line', text: `runs: ${stats.runs}, success rate: ${formatRate(stats.successRate)} (${stats.succeeded}/${stats.runs}), run time p50 ${formatMs(stats.runP50Ms)}, p95 ${formatMs(stats.runP95Ms)}` },
    { type: 'heading', level: 2, text: 'Steps (duration per attempt)' },
    { type: 'table', headers: ['step', 'runs', 'executions', 'failures', 'p50', 'p95', 'wait p50', 'rework runs'], rows: stats.steps.map((s) => [
      s.activity, String(s.runs), String(s.executions), `${s.failures} (${formatRate(s.failureRate)})`, formatMs(s.p50Ms), formatMs(s.p95Ms), formatMs(s.waitP50Ms), String(s.reworkRuns),
    ]) },
    { type: 'heading', level: 2, text: 'Bottlenecks' },
    { type: 'list', items: stats.bottlenecks.map((b) => `${b.activity}: ${formatRate(b.share)} of all ${b.reason === 'working-time' ? 'working' : 'waiting'} time (${formatMs(b.totalMs)})`) },
    { type: 'heading', level: 2, text: 'Hand-offs between roles' },
    { type: 'table', headers: ['from', 'to', 'count', 'wait p50', 'wait p95'], rows: stats.handoffs.map((h) => [h.fromRole, h.toRole, String(h.count), formatMs(h.p50WaitMs), formatMs(h.p95WaitMs)]) },
  ], format);
}
