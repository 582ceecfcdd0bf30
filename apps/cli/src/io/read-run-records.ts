import { readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Diagnostic } from '@sopflow/format';
import type { RunRecord } from '@sopflow/analysis';
import type { StoreRecordFilter } from '@sopflow/service';
import { CliError, ExitCode } from './exit-code.js';
import { readEventLog, type EventLogOptions } from './read-event-log.js';
import { readSourceFile } from './read-source-file.js';
import { readStoreRuns, storeSelector } from './read-store-runs.js';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';

const OSOPLOG = /\.osoplog(\.ya?ml|\.json)?$/i;
const TRANSCRIPT = /\.jsonl$/i;
const EVENT_LOG = /\.(xes|xes\.gz|csv)$/i;

export interface ReadRunRecordsOptions {
  /** Column and lifecycle options for XES/CSV logs (any other file is read as `.osoplog`). */
  eventLog?: EventLogOptions;
  /** Also read Claude Code session transcripts (`.jsonl`), one run per session. */
  transcripts?: boolean;
  /** Database that `runs:` / `runs:WORKFLOW_ID` arguments read from (`--db`). */
  db?: string;
  /** Only store runs pinned to this workflow version (or exact text). */
  pinned?: StoreRecordFilter;
}

export interface RunRecordSet {
  records: RunRecord[];
  /** How many of the records came from agent transcripts. */
  fromTranscripts: number;
}

/**
 * Reads run records from sopflow runs in the store (`runs:` every finished run, `runs:WORKFLOW_ID`
 * those of one workflow), `.osoplog` files, directories (searched recursively for `.osoplog`, and
 * `.jsonl` when transcripts are allowed), XES/CSV event logs (one record per case) and, when
 * allowed, Claude Code transcripts. Each file is size-limited. Diagnostics go to stderr as
 * `file:line:col`; a missing path or nothing to read is a usage error (exit 2), an unreadable
 * record is exit 1 after every file has been reported.
 */
export async function readRunRecords(args: readonly string[], options: ReadRunRecordsOptions = {}): Promise<RunRecordSet> {
  const selectors = args.map(storeSelector).filter((s): s is string => s !== undefined);
  const paths = args.filter((a) => storeSelector(a) === undefined);
  const files = expandPaths(paths, options.transcripts === true);
  const analysis = await import('@sopflow/analysis');
  const style = createStyle(process.stderr);
  const records: RunRecord[] = selectors.length === 0 ? [] : await readStoreRuns(selectors, { ...(options.db === undefined ? {} : { db: options.db }), ...(options.pinned === undefined ? {} : { pinned: options.pinned }) });
  let fromTranscripts = 0;
  let unreadable = 0;
  const report = (diagnostics: readonly Diagnostic[], text: string | undefined): void => {
    if (diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(diagnostics, text, style)}\n`);
  };
  for (const file of files) {
    if (EVENT_LOG.test(file)) {
      const log = await readEventLog(file, options.eventLog ?? {});
      records.push(...analysis.eventLogToRecords(log));
      continue;
    }
    const source = readSourceFile(file);
    if (source.text === undefined) {
      report(source.diagnostics, undefined);
      unreadable++;
      continue;
    }
    if (options.transcripts === true && TRANSCRIPT.test(file)) {
      const result = analysis.importClaudeCodeTranscript(source.text, { file, runId: basename(file).replace(TRANSCRIPT, '') });
      report(result.diagnostics, source.text);
      if (result.diagnostics.some((d) => d.severity === 'error')) unreadable++;
      else {
        records.push(result.record);
        fromTranscripts++;
      }
      continue;
    }
    const { record, diagnostics } = analysis.readOsoplog(source.text, file);
    report(diagnostics, source.text);
    if (record === undefined || diagnostics.some((d) => d.severity === 'error')) unreadable++;
    else records.push(record);
  }
  if (unreadable > 0) {
    throw new CliError(`${unreadable} of ${files.length} record file${files.length === 1 ? '' : 's'} could not be read (see above)`, ExitCode.failed);
  }
  if (records.length === 0) throw new CliError(`no runs found in ${args.join(', ')}`, ExitCode.usage);
  return { records, fromTranscripts };
}

/** Files named on the command line as given; directories walked for record files. Missing paths and empty directories are usage errors. */
function expandPaths(paths: readonly string[], transcripts: boolean): string[] {
  const wanted = (name: string): boolean => OSOPLOG.test(name) || (transcripts && TRANSCRIPT.test(name));
  const files: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new CliError(`no such file or directory: ${path}`, ExitCode.usage);
    }
    if (!isDir) {
      files.push(path);
      continue;
    }
    const found: string[] = [];
    walk(path, wanted, found);
    if (found.length === 0) {
      throw new CliError(`no ${transcripts ? '.osoplog or .jsonl' : '.osoplog'} files in directory ${path}`, ExitCode.usage);
    }
    files.push(...found);
  }
  return files;
}

function walk(dir: string, wanted: (name: string) => boolean, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, wanted, out);
    else if (entry.isFile() && wanted(entry.name)) out.push(path);
  }
}
