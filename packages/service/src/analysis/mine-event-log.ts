import type { DfgView, LifecycleRule, MiningReport, VariantRow } from '@sopflow/analysis';
import type { Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { readEventLog, type EventLogOptions } from '../records/read-event-log.js';

export interface MineEventLogInput {
  /** The event log: a file, or text an adapter holds. */
  log: { path: string } | { name: string; text: string };
  /** `im` (exact, default), `imf` (infrequent-behaviour filter), `heuristics` or `alpha`. */
  miner?: string;
  /** IMf noise threshold, 0..1 (default 0.2); `imf` only. */
  noise?: number;
  /** Also measure fitness, precision, generalization, simplicity. */
  metrics?: boolean;
  eventLog?: EventLogOptions;
}

export interface MinedProcess {
  miner: 'im' | 'imf' | 'heuristics' | 'alpha';
  report: MiningReport;
  /** The mined model as a draft process (IM / IMf: a process tree converts to one). */
  workflow?: Workflow;
  /** The draft as `.osop` YAML. */
  text?: string;
}

/** Discovers a process model from an XES/CSV event log (inductive miner) and, when asked, measures its quality; bad options are `invalid_request`. */
export async function mineEventLog(input: MineEventLogInput): Promise<MinedProcess> {
  const miner = input.miner ?? 'im';
  if (miner !== 'im' && miner !== 'imf' && miner !== 'heuristics' && miner !== 'alpha') throw new ServiceError('invalid_request', `--miner must be im, imf, heuristics or alpha, not "${miner}"`);
  const { noise } = input;
  if (noise !== undefined && !(noise >= 0 && noise <= 1)) throw new ServiceError('invalid_request', `--noise must be a number from 0 to 1, not "${noise}"`);
  if (noise !== undefined && miner !== 'imf') throw new ServiceError('invalid_request', '--noise applies to --miner imf only');
  const log = await readEventLog(input.log, input.eventLog);
  const analysis = await import('@sopflow/analysis');
  const { report, tree } = analysis.mineLog(log, { miner, noise, metrics: input.metrics });
  if (!tree) return { miner, report };
  const name = 'path' in input.log ? input.log.path : input.log.name;
  const workflow = analysis.treeToWorkflow(tree, { id: 'mined-process', name: `Mined from ${name}` });
  const { stringifyWorkflow } = await import('@sopflow/format');
  return { miner, report, workflow, text: stringifyWorkflow(workflow) };
}

export interface ViewEventLogDfgInput {
  log: MineEventLogInput['log'];
  /** `frequency` (default) or `performance` (median and mean time on the arcs). */
  measure?: string;
  /** Keep the most frequent variants covering this share of cases, 0 < x ≤ 1 (default 1). */
  coverage?: number;
  /** Drop arcs seen fewer than this many times (default 1). */
  minArc?: number;
  eventLog?: EventLogOptions;
}

export interface EventLogDfgView {
  view: DfgView;
  mermaid: string;
  dot: string;
  lifecycle?: LifecycleRule;
}

/** The log's directly-follows graph filtered by variant coverage and arc frequency, rendered as Mermaid and DOT; bad options are `invalid_request`. */
export async function viewEventLogDfg(input: ViewEventLogDfgInput): Promise<EventLogDfgView> {
  const measure = input.measure ?? 'frequency';
  if (measure !== 'frequency' && measure !== 'performance') throw new ServiceError('invalid_request', `--dfg must be frequency or performance, not "${measure}"`);
  const { coverage, minArc } = input;
  if (coverage !== undefined && !(coverage > 0 && coverage <= 1)) throw new ServiceError('invalid_request', `--coverage must be a number above 0 and at most 1, not "${coverage}"`);
  if (minArc !== undefined && !(Number.isInteger(minArc) && minArc >= 1)) throw new ServiceError('invalid_request', `--min-arc must be a whole number of at least 1, not "${minArc}"`);
  const log = await readEventLog(input.log, input.eventLog);
  const analysis = await import('@sopflow/analysis');
  const view = analysis.buildDfgView(log, { measure, coverage, minArc });
  return { view, mermaid: analysis.renderDfgMermaid(view), dot: analysis.renderDfgDot(view), ...(log.lifecycleRule ? { lifecycle: log.lifecycleRule } : {}) };
}

/** The log's variants, most frequent first, with counts, shares and median/mean case durations; `top` keeps the first N. */
export async function listEventLogVariants(input: { log: MineEventLogInput['log']; top?: number; eventLog?: EventLogOptions }): Promise<{ cases: number; variants: VariantRow[]; lifecycle?: LifecycleRule }> {
  if (input.top !== undefined && !(Number.isInteger(input.top) && input.top >= 1)) throw new ServiceError('invalid_request', `--top must be a whole number of at least 1, not "${input.top}"`);
  const log = await readEventLog(input.log, input.eventLog);
  const { buildVariantsTable } = await import('@sopflow/analysis');
  return { cases: log.cases.length, variants: buildVariantsTable(log, { top: input.top }), ...(log.lifecycleRule ? { lifecycle: log.lifecycleRule } : {}) };
}
