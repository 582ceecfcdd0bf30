import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostic } from '@sopflow/format';
import type { RunRecord } from '@sopflow/analysis';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { describeRecordSource, type RecordSource } from './record-source.js';
import { isEventLogName, readEventLog, type EventLogOptions } from './read-event-log.js';
import { readStoreRecords, type StoreRecordFilter } from './read-store-records.js';
import { readTextFile } from './read-text-file.js';

const OSOPLOG = /\.osoplog(\.ya?ml|\.json)?$/i;
const TRANSCRIPT = /\.jsonl$/i;

/** A context for reading records: the store (and engine) only when a source names runs in the store. */
export type RecordsContext = Partial<ServiceContext> & {
  /** How the store is named in messages (the CLI: the database file). */
  storeName?: string;
  /** Told what each file said as it is read (warnings, and errors of files that could not be read), so an adapter can show it at once. */
  onReport?: (report: RecordFileReport) => void;
};

export interface ReadRunRecordsOptions {
  /** Column and lifecycle options for XES/CSV logs (any other file is read as `.osoplog`). */
  eventLog?: EventLogOptions;
  /** Also read Claude Code session transcripts (`.jsonl`), one run per session. */
  transcripts?: boolean;
  /** Only store runs pinned to this workflow version (or exact text). */
  pinned?: Omit<StoreRecordFilter, 'workflowIds'>;
}

/** What one file said while it was read; its text comes along so an adapter can show the lines. */
export interface RecordFileReport {
  file: string;
  text?: string;
  diagnostics: Diagnostic[];
}

export interface RunRecordSet {
  records: RunRecord[];
  /** How many of the records came from agent transcripts. */
  fromTranscripts: number;
  /** Warnings (and, for files that could not be read, errors) per file, in reading order. */
  reports: RecordFileReport[];
}

/**
 * Reads run records: store runs first (finished runs, read-only, optionally pinned), then each file,
 * directory (searched for `.osoplog`, and `.jsonl` when transcripts are allowed), XES/CSV event log
 * (one record per case) or uploaded text. Refuses with `invalid_request` for a missing path or an
 * empty directory, `invalid_data` (details.reports) when any record cannot be read, `empty` when
 * nothing was found.
 */
export async function readRunRecords(ctx: RecordsContext, sources: readonly RecordSource[], options: ReadRunRecordsOptions = {}): Promise<RunRecordSet> {
  const transcripts = options.transcripts === true;
  const stores = sources.filter((s): s is Extract<RecordSource, { kind: 'store' }> => s.kind === 'store');
  const inputs = expandSources(sources, transcripts);
  const records: RunRecord[] = [];
  if (stores.length > 0) {
    if (ctx.store === undefined || ctx.engine === undefined) throw new ServiceError('invalid_request', `${describeRecordSource(stores[0])} reads runs from a store, and none is open here`);
    const all = stores.some((s) => s.workflowId === undefined);
    const workflowIds = all ? [] : stores.map((s) => s.workflowId as string);
    records.push(...await readStoreRecords({ store: ctx.store, engine: ctx.engine }, { workflowIds, ...options.pinned }, ctx.storeName));
  }
  const analysis = await import('@sopflow/analysis');
  const reports: RecordFileReport[] = [];
  const report = (r: RecordFileReport): void => {
    reports.push(r);
    ctx.onReport?.(r);
  };
  let fromTranscripts = 0;
  let unreadable = 0;
  for (const input of inputs) {
    const name = input.kind === 'path' ? input.path : input.name;
    if (isEventLogName(name)) {
      const log = await readEventLog(input.kind === 'path' ? { path: input.path } : input, options.eventLog);
      if (log.lifecycleRule) report({ file: name, diagnostics: [{ code: 'lifecycle-rule', severity: 'info', message: analysis.describeLifecycleRule(log.lifecycleRule), line: 0, column: 0 }] });
      records.push(...analysis.eventLogToRecords(log));
      continue;
    }
    const source = input.kind === 'path' ? readTextFile(input.path) : { text: input.text, diagnostics: [] };
    if (source.text === undefined) {
      report({ file: name, diagnostics: source.diagnostics });
      unreadable++;
      continue;
    }
    const read = transcripts && TRANSCRIPT.test(name)
      ? readTranscript(analysis, source.text, name)
      : analysis.readOsoplog(source.text, name);
    if (read.diagnostics.length > 0) report({ file: name, text: source.text, diagnostics: read.diagnostics });
    if (read.record === undefined || read.diagnostics.some((d) => d.severity === 'error')) {
      unreadable++;
      continue;
    }
    records.push(read.record);
    if (transcripts && TRANSCRIPT.test(name)) fromTranscripts++;
  }
  if (unreadable > 0) {
    throw new ServiceError('invalid_data', `${unreadable} of ${inputs.length} record file${inputs.length === 1 ? '' : 's'} could not be read`, { reports });
  }
  if (records.length === 0) throw new ServiceError('empty', `no runs found in ${sources.map(describeRecordSource).join(', ')}`);
  return { records, fromTranscripts, reports };
}

function readTranscript(analysis: typeof import('@sopflow/analysis'), text: string, name: string): { record?: RunRecord; diagnostics: Diagnostic[] } {
  const result = analysis.importClaudeCodeTranscript(text, { file: name, runId: basename(name).replace(TRANSCRIPT, '') });
  return { record: result.record, diagnostics: [...result.diagnostics] };
}

type FileInput = Exclude<RecordSource, { kind: 'store' }>;

/** Paths as given, directories walked for record files; missing paths and empty directories are `invalid_request`. */
function expandSources(sources: readonly RecordSource[], transcripts: boolean): FileInput[] {
  const wanted = (name: string): boolean => OSOPLOG.test(name) || (transcripts && TRANSCRIPT.test(name));
  const out: FileInput[] = [];
  for (const source of sources) {
    if (source.kind === 'store') continue;
    if (source.kind === 'text') {
      out.push(source);
      continue;
    }
    let isDir: boolean;
    try {
      isDir = statSync(source.path).isDirectory();
    } catch {
      throw new ServiceError('invalid_request', `no such file or directory: ${source.path}`, { path: source.path });
    }
    if (!isDir) {
      out.push(source);
      continue;
    }
    const found: string[] = [];
    walk(source.path, wanted, found);
    if (found.length === 0) {
      throw new ServiceError('invalid_request', `no ${transcripts ? '.osoplog or .jsonl' : '.osoplog'} files in directory ${source.path}`, { path: source.path });
    }
    out.push(...found.map((path) => ({ kind: 'path' as const, path })));
  }
  return out;
}

function walk(dir: string, wanted: (name: string) => boolean, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, wanted, out);
    else if (entry.isFile() && wanted(entry.name)) out.push(path);
  }
}
