import { existsSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { EventLog } from '@sopflow/analysis';
import { CliError, ExitCode } from './exit-code.js';

/** Options shared by every command that reads an event log (XES or CSV). */
export interface EventLogOptions {
  case?: string;
  activity?: string;
  timestamp?: string;
  resource?: string;
  timezone?: string;
  lifecycle?: string;
}

/** Adds the log-reading options (`--case`, `--activity`, ...) to a command. */
export function addEventLogOptions(command: Command): Command {
  return command
    .option('--case <column>', 'CSV: case id column (default case:concept:name)')
    .option('--activity <column>', 'CSV: activity column (default concept:name)')
    .option('--timestamp <column>', 'CSV: timestamp column (default time:timestamp)')
    .option('--resource <column>', 'CSV: resource column (default org:resource when present)')
    .option('--timezone <zone>', 'CSV: IANA time zone for timestamps without an offset (default UTC)')
    .option('--lifecycle <which>', 'complete (default: only complete events, as PM4Py is usually run) or all');
}

/**
 * Reads an XES (`.xes`, `.xes.gz`) or CSV event log. Read errors become a CliError naming the file
 * and the line:column or row (exit 1); a missing file is a usage error (exit 2).
 */
export async function readEventLog(path: string, opts: EventLogOptions): Promise<EventLog> {
  if (!existsSync(path) || !statSync(path).isFile()) throw new CliError(`no such file: ${path}`, ExitCode.usage);
  const lifecycle = opts.lifecycle ?? 'complete';
  if (lifecycle !== 'complete' && lifecycle !== 'all') throw new CliError(`--lifecycle must be complete or all, not "${lifecycle}"`);
  const { readXesFile, readCsvFile, isLogReadError } = await import('@sopflow/analysis');
  try {
    if (/\.csv$/i.test(path)) {
      return await readCsvFile(path, {
        case: opts.case, activity: opts.activity, timestamp: opts.timestamp, resource: opts.resource, timeZone: opts.timezone,
        lifecycleFilter: lifecycle,
      });
    }
    if (/\.xes(\.gz)?$/i.test(path)) return await readXesFile(path, { lifecycle });
    throw new CliError(`${path}: unknown log format; expected .xes, .xes.gz or .csv`, ExitCode.usage);
  } catch (err) {
    if (isLogReadError(err)) {
      const where = err.line !== undefined ? `:${err.line}:${err.column ?? 1}` : err.row !== undefined ? ` (row ${err.row})` : '';
      throw new CliError(`${path}${where}: ${err.code}: ${err.message}`, ExitCode.failed);
    }
    throw err;
  }
}
