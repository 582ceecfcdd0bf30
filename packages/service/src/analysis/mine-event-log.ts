import type { MiningReport } from '@sopflow/analysis';
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
