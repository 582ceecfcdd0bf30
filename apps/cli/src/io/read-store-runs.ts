import type { Command } from 'commander';
import type { RunRecord } from '@sopflow/analysis';
import type { StoreRecordFilter } from '@sopflow/service';
import { CliError, ExitCode } from './exit-code.js';
import { engineCall, openEngine } from '../engine/open-engine.js';

/** A records argument naming runs in the store: `runs:` (every finished run) or `runs:WORKFLOW_ID`. */
const STORE_SELECTOR = /^runs:(.*)$/;

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
 * Reads the finished runs of the selected workflows (`''`: every workflow) from the store, read-only,
 * through the service's `readStoreRecords`; `pinned` narrows them to one workflow version. A missing
 * database or no matching run is a usage error (exit 2); an unreadable run is exit 1 naming the run.
 */
export async function readStoreRuns(workflowIds: readonly string[], options: StoreOptions & { pinned?: StoreRecordFilter } = {}): Promise<RunRecord[]> {
  let session;
  try {
    session = await openEngine({ readonly: true, ...(options.db === undefined ? {} : { db: options.db }) });
  } catch (error) {
    if (error instanceof CliError && /no database at/.test(error.message)) {
      throw new CliError(`${error.message.replace(/ \(not_found\)$/, '')}; run workflows with \`sopflow run FILE --db PATH\` first`, ExitCode.usage);
    }
    throw error;
  }
  try {
    const { readStoreRecords } = await import('@sopflow/service');
    const ids = workflowIds.filter((w) => w !== '');
    const all = workflowIds.includes('');
    return await engineCall(() => readStoreRecords(session, { ...(all ? {} : { workflowIds: ids }), ...options.pinned }, session.dbPath));
  } finally {
    await session.close();
  }
}
