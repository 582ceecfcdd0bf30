import type { Command } from 'commander';
import type { RecordSource, RecordsContext } from '@sopflow/service';
import { CliError, ExitCode } from './exit-code.js';
import { engineCall, openEngine } from '../engine/open-engine.js';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';

export interface StoreOptions {
  /** Database file (`--db`); else `SOPFLOW_DB`, else `.sopflow/sopflow.db`. */
  db?: string;
  /** Audit key file (`--audit-key`); else `SOPFLOW_AUDIT_KEY_FILE`, else `~/.config/sopflow/audit.key`. */
  auditKey?: string;
}

/** Adds `--db PATH` and `--audit-key FILE` (where `runs:` arguments are read from) to a command. */
export function addStoreOption(command: Command): Command {
  return command
    .option('--db <path>', 'database that `runs:` / `runs:WORKFLOW_ID` arguments read from (default SOPFLOW_DB or .sopflow/sopflow.db)')
    .option('--audit-key <file>', 'audit key file the store is verified with (default SOPFLOW_AUDIT_KEY_FILE or ~/.config/sopflow/audit.key)');
}

/** The record sources command-line arguments name: `runs:` / `runs:WORKFLOW_ID` in the store, else paths. */
export async function recordSources(args: readonly string[]): Promise<RecordSource[]> {
  const { parseRecordSource } = await import('@sopflow/service');
  return args.map(parseRecordSource);
}

/**
 * Runs a service call over run records: opens the store read-only only when a source names runs in
 * it, prints each file's diagnostics to stderr as `file:line:col` while they are read, and turns a
 * refusal into a CliError with the service table's exit code.
 */
export async function withRecordsContext<T>(sources: readonly RecordSource[], options: StoreOptions, work: (ctx: RecordsContext) => Promise<T>): Promise<T> {
  const style = createStyle(process.stderr);
  const onReport: RecordsContext['onReport'] = (r) => process.stderr.write(`${formatDiagnostics(r.diagnostics, r.text, style)}\n`);
  if (!sources.some((s) => s.kind === 'store')) return recordsCall(() => work({ onReport }));
  let session;
  try {
    session = await openEngine({ readonly: true, ...(options.db === undefined ? {} : { db: options.db }), ...(options.auditKey === undefined ? {} : { auditKeyFile: options.auditKey }) });
  } catch (error) {
    if (error instanceof CliError && /no database at/.test(error.message)) {
      throw new CliError(`${error.message.replace(/ \(not_found\)$/, '')}; run workflows with \`sopflow run FILE --db PATH\` first`, ExitCode.usage, { code: error.code });
    }
    throw error;
  }
  try {
    return await recordsCall(() => work({ store: session.store, engine: session.engine, storeName: session.dbPath, onReport }));
  } finally {
    await session.close();
  }
}

/** A service call whose refusals read as before: an unreadable record points at the diagnostics printed above. */
async function recordsCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const { isServiceError } = await import('@sopflow/service');
    if (isServiceError(error) && error.code === 'invalid_data' && /could not be read$/.test(error.message)) {
      throw new CliError(`${error.message} (see above)`, ExitCode.failed, { code: error.code });
    }
    return engineCall(() => Promise.reject(error));
  }
}
