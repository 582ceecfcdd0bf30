import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { createLogBuilder, type EventLog, type RawCase } from './event-log.js';
import { LogReadError } from './log-read-error.js';
import { isValidTimeZone, parseTimestamp } from './parse-timestamp.js';
import { applyLifecycleRule, type LifecycleFilter } from './lifecycle-rule.js';

export interface ReadCsvOptions {
  /** Case id column (default `case:concept:name`). */
  case?: string;
  /** Activity column (default `concept:name`). */
  activity?: string;
  /** Timestamp column (default `time:timestamp`). */
  timestamp?: string;
  /** Resource column (default `org:resource` when present). */
  resource?: string;
  /** Lifecycle column (default `lifecycle:transition` when present). */
  lifecycle?: string;
  /** IANA zone for timestamps without an offset (default UTC). */
  timeZone?: string;
  /** Lifecycle filter as for XES (default `auto`). */
  lifecycleFilter?: LifecycleFilter;
  delimiter?: string;
  keepAttributes?: boolean;
}

/** Reads a CSV event log file; events are ordered by timestamp within each case (stable). */
export function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<EventLog> {
  return readCsvStream(createReadStream(path), options);
}

/** Reads a CSV event log from text. */
export function readCsvText(text: string, options: ReadCsvOptions = {}): Promise<EventLog> {
  return readCsvStream(Readable.from([text]), options);
}

/** Reads a CSV event log from a byte or text stream. */
export async function readCsvStream(stream: Readable, options: ReadCsvOptions = {}): Promise<EventLog> {
  const zone = options.timeZone ?? 'UTC';
  if (!isValidTimeZone(zone)) throw new LogReadError('BAD_TIME_ZONE', `unknown time zone "${zone}" (use an IANA name such as Europe/Berlin)`);
  const parser = stream.pipe(parse({ delimiter: options.delimiter ?? ',', bom: true, relax_column_count: true, skip_empty_lines: true }));
  let header: string[] | undefined;
  let col = { case: -1, activity: -1, timestamp: -1, resource: -1, lifecycle: -1 };
  const cases = new Map<string, RawCase>();
  let row = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = record.map((h) => h.trim());
        col = resolveColumns(header, options);
        continue;
      }
      row++;
      const caseId = record[col.case] ?? '';
      const activity = record[col.activity] ?? '';
      const stampText = record[col.timestamp] ?? '';
      const timestamp = parseTimestamp(stampText, zone);
      if (Number.isNaN(timestamp)) {
        throw new LogReadError('BAD_TIMESTAMP', `CSV row ${row}: cannot parse timestamp "${stampText}" in column "${header[col.timestamp]}"`, { row });
      }
      const lifecycle = col.lifecycle >= 0 && record[col.lifecycle] ? record[col.lifecycle] : undefined;
      let c = cases.get(caseId);
      if (!c) {
        c = { id: caseId, attributes: {}, events: [] };
        cases.set(caseId, c);
      }
      const attributes = options.keepAttributes ? extraAttributes(header, record, col) : undefined;
      c.events.push({
        activity,
        timestamp,
        resource: col.resource >= 0 && record[col.resource] ? record[col.resource] : undefined,
        lifecycle,
        attributes,
      });
    }
  } catch (err) {
    if (err instanceof LogReadError) throw err;
    throw new LogReadError('CSV_MALFORMED', `CSV could not be read near row ${row}: ${(err as Error).message}`, { row });
  }
  if (!header) throw new LogReadError('EMPTY_LOG', 'CSV is empty (no header row)');
  if (cases.size === 0) throw new LogReadError('EMPTY_LOG', 'CSV log contains no events');
  const builder = createLogBuilder({ sortByTime: true, keepAttributes: options.keepAttributes });
  for (const c of cases.values()) builder.addCase(c);
  return applyLifecycleRule(builder.build(), options.lifecycleFilter ?? 'auto', 'CSV log');
}

function resolveColumns(header: string[], options: ReadCsvOptions) {
  const find = (name: string, required: boolean, what: string): number => {
    const i = header.indexOf(name);
    if (i < 0 && required) {
      throw new LogReadError('CSV_MISSING_COLUMN', `CSV has no ${what} column "${name}"; available columns: ${header.map((h) => JSON.stringify(h)).join(', ')}`, { row: 1 });
    }
    return i;
  };
  return {
    case: find(options.case ?? 'case:concept:name', true, 'case'),
    activity: find(options.activity ?? 'concept:name', true, 'activity'),
    timestamp: find(options.timestamp ?? 'time:timestamp', true, 'timestamp'),
    resource: find(options.resource ?? 'org:resource', options.resource !== undefined, 'resource'),
    lifecycle: find(options.lifecycle ?? 'lifecycle:transition', options.lifecycle !== undefined, 'lifecycle'),
  };
}

function extraAttributes(header: string[], record: string[], col: Record<string, number>): Record<string, string> {
  const used = new Set(Object.values(col));
  const out: Record<string, string> = {};
  header.forEach((h, i) => {
    if (!used.has(i) && h !== '' && record[i] !== undefined) out[h] = record[i];
  });
  return out;
}
