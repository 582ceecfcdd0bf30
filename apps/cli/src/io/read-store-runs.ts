import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { RunRecord } from '@sopflow/analysis';
import type { RunSummary } from '@sopflow/store';
import { CliError, ExitCode } from './exit-code.js';
import { databasePath, engineCall, openEngine } from '../engine/open-engine.js';

/** A records argument naming runs in the store: `runs:` (every finished run) or `runs:WORKFLOW_ID`. */
const STORE_SELECTOR = /^runs:(.*)$/;

const FINISHED: ReadonlySet<RunSummary['status']> = new Set(['completed', 'failed', 'cancelled']);

export interface StoreOptions {
  /** Database file (`--db`); else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. */
  db?: string;
}

/** Adds `--db PATH` (where `runs:` arguments are read from) to a command. */
export function addStoreOption(command: Command): Command {
  return command.option('--db <path>', 'database that `runs:` / `runs:WORKFLOW_ID` arguments read from (default SOPFLOW_DB or .sopflow/sopflow.db)');
}

/** The workflow id a `runs:` argument selects (`''` for every workflow), or undefined when it is not a store selector. */
export function storeSelector(arg: string): string | undefined {
  return STORE_SELECTOR.exec(arg)?.[1];
}

/**
 * Reads every finished (completed, failed or cancelled) run in the store, optionally only those of one
 * workflow, as run records: each run becomes its `.osoplog` and is read back like a file. A missing
 * database is a usage error (exit 2); an unreadable run is exit 1 naming the run.
 */
export async function readStoreRuns(workflowIds: readonly string[], options: StoreOptions = {}): Promise<RunRecord[]> {
  const dbPath = databasePath(options.db);
  if (!existsSync(dbPath)) throw new CliError(`no database at ${dbPath}; run workflows with \`sopflow run FILE --db ${dbPath}\` first, or give --db`, ExitCode.usage);
  const session = await openEngine({ db: dbPath });
  try {
    const { toExecutionLog } = await import('@sopflow/engine');
    const { stringifyExecutionLog } = await import('@sopflow/format');
    const { readOsoplog } = await import('@sopflow/analysis');
    const wanted = new Set(workflowIds);
    const summaries = (await engineCall(() => session.store.listRuns()))
      .filter((r) => FINISHED.has(r.status) && (wanted.has('') || wanted.has(r.workflowId)))
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
    const records: RunRecord[] = [];
    for (const summary of summaries) {
      const run = await engineCall(() => session.engine.getRun(summary.id));
      const text = stringifyExecutionLog(toExecutionLog(run.state, run.events, run.source.workflow), 'json');
      const { record, diagnostics } = readOsoplog(text, `${dbPath}#${summary.id}`);
      const error = diagnostics.find((d) => d.severity === 'error');
      if (record === undefined || error !== undefined) {
        throw new CliError(`run ${summary.id} in ${dbPath} could not be read as a record: ${error?.message ?? 'no record'}`, ExitCode.failed);
      }
      records.push(record);
    }
    if (records.length === 0) {
      const which = [...wanted].filter((w) => w !== '');
      throw new CliError(`no finished runs${which.length > 0 ? ` of ${which.join(', ')}` : ''} in ${dbPath}`, ExitCode.usage);
    }
    return records;
  } finally {
    await session.close();
  }
}
