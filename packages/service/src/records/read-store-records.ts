import type { RunRecord } from '@sopflow/analysis';
import type { RunSummary } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { buildRunLog } from '../runs/get-run-log.js';
import { requireEngine } from '../runs/require-engine.js';

const FINISHED: ReadonlySet<RunSummary['status']> = new Set(['completed', 'failed', 'cancelled']);

export interface StoreRecordFilter {
  /** Only runs of these workflow ids (empty or absent: every workflow). */
  workflowIds?: readonly string[];
  /** Only runs pinned to this workflow version (semver as written in the process). */
  version?: string;
  /** Only runs pinned to this exact workflow text (content hash); used when the process has no version. */
  contentHash?: string;
}

/**
 * Every finished (completed, failed or cancelled) run in the store that the filter selects, oldest
 * first, as run records: each run becomes its `.osoplog` and is read back as a file would be.
 * `empty` (naming the filter and the database) when none matches; `invalid_data` naming a run that cannot be read.
 */
export async function readStoreRecords(ctx: ServiceContext, filter: StoreRecordFilter = {}, where = 'the store'): Promise<RunRecord[]> {
  const engine = requireEngine(ctx);
  const { stringifyExecutionLog } = await import('@sopflow/format');
  const { readOsoplog } = await import('@sopflow/analysis');
  const wanted = new Set(filter.workflowIds ?? []);
  const summaries = (await serviceCall(() => ctx.store.listRuns()))
    .filter((r) => FINISHED.has(r.status) && (wanted.size === 0 || wanted.has(r.workflowId)))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  const records: RunRecord[] = [];
  for (const summary of summaries) {
    const run = await serviceCall(() => engine.getRun(summary.id));
    if (filter.version !== undefined && run.source.workflow.version !== filter.version) continue;
    if (filter.contentHash !== undefined && run.source.hash !== filter.contentHash) continue;
    const text = stringifyExecutionLog(await buildRunLog(run), 'json');
    const { record, diagnostics } = readOsoplog(text, `${where}#${summary.id}`);
    const error = diagnostics.find((d) => d.severity === 'error');
    if (record === undefined || error !== undefined) {
      throw new ServiceError('invalid_data', `run ${summary.id} in ${where} could not be read as a record: ${error?.message ?? 'no record'}`, { run: summary.id });
    }
    records.push(record);
  }
  if (records.length === 0) {
    const which = [...wanted].join(', ');
    const pinned = filter.version !== undefined ? ` at version ${filter.version}` : filter.contentHash !== undefined ? ` of this exact text (${filter.contentHash.slice(0, 12)})` : '';
    throw new ServiceError('empty', `no finished runs${which === '' ? '' : ` of ${which}`}${pinned} in ${where}`, { ...filter });
  }
  return records;
}
