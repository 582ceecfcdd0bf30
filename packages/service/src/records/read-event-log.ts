import { existsSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import type { EventLog } from '@sopflow/analysis';
import { ServiceError } from '../service-error.js';

/** How an XES or CSV event log is read: CSV column names, time zone, which lifecycle events count. */
export interface EventLogOptions {
  case?: string;
  activity?: string;
  timestamp?: string;
  resource?: string;
  /** IANA time zone for CSV timestamps without an offset (default UTC). */
  timezone?: string;
  /** `auto` (default: complete events when the log has both start and complete values, else every event), `complete` or `all`. */
  lifecycle?: string;
}

/** True for a name an event log is read from (`.xes`, `.xes.gz`, `.csv`). */
export function isEventLogName(name: string): boolean {
  return /\.(xes|xes\.gz|csv)$/i.test(name);
}

/**
 * Reads an XES (`.xes`, `.xes.gz`) or CSV event log from a file, or from text an adapter holds.
 * A missing file or unknown format is `invalid_request`; a log that cannot be read is `invalid_data`
 * naming the file and the line:column or row.
 */
export async function readEventLog(source: { path: string } | { name: string; text: string }, options: EventLogOptions = {}): Promise<EventLog> {
  const name = 'path' in source ? source.path : source.name;
  if ('path' in source && (!existsSync(source.path) || !statSync(source.path).isFile())) {
    throw new ServiceError('invalid_request', `no such file: ${source.path}`, { path: source.path });
  }
  const lifecycle = options.lifecycle ?? 'auto';
  const { readXesFile, readXesStream, readCsvFile, readCsvText, isLogReadError, isLifecycleFilter } = await import('@sopflow/analysis');
  if (!isLifecycleFilter(lifecycle)) throw new ServiceError('invalid_request', `--lifecycle must be auto, complete or all, not "${lifecycle}"`);
  try {
    if (/\.csv$/i.test(name)) {
      const csv = {
        case: options.case, activity: options.activity, timestamp: options.timestamp, resource: options.resource, timeZone: options.timezone, lifecycleFilter: lifecycle,
      } as const;
      return 'path' in source ? await readCsvFile(source.path, csv) : await readCsvText(source.text, csv);
    }
    if ('path' in source && /\.xes(\.gz)?$/i.test(name)) return await readXesFile(source.path, { lifecycle });
    if (!('path' in source) && /\.xes$/i.test(name)) return await readXesStream(Readable.from([source.text]), { lifecycle });
  } catch (err) {
    if (isLogReadError(err)) {
      const where = err.line !== undefined ? `:${err.line}:${err.column ?? 1}` : err.row !== undefined ? ` (row ${err.row})` : '';
      throw new ServiceError('invalid_data', `${name}${where}: ${err.code}: ${err.message}`, { file: name });
    }
    throw err;
  }
  throw new ServiceError('invalid_request', `${name}: unknown log format; expected .xes, .xes.gz or .csv`, { file: name });
}
