import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';
import { readTextFile } from '@sopflow/service/read-text-file';
import { printJson } from '../output/print-json.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';

interface DebriefOpts extends EventLogOptions, StoreOptions, ReportFormatOptions {
  since?: string;
  until?: string;
  by?: string;
  memory?: string;
  anonymise?: string;
  approve?: string;
  draft?: string;
  force?: boolean;
}

/**
 * `sopflow debrief PROCESS RECORDS... [--since T] [--until T] [--by team] [--memory FILE]
 * [--anonymise OUT_DIR] [--approve ID --draft FILE] [--format text|markdown|json]`: the shift
 * debrief (the service's `debriefRuns`); this command reads and writes the files: the memory,
 * the approved draft (never over the process), the anonymised runs.
 */
export function registerDebriefCommand(program: Command): void {
  const command = program
    .command('debrief')
    .description('the shift debrief: adherence, classified deviations, outcome correlation, update candidates')
    .argument('<process>', 'the process (.osop)')
    .argument('<records...>', '.osoplog files or directories, one XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .option('--since <time>', 'leave out runs that started before this ISO time')
    .option('--until <time>', 'leave out runs that started at or after this ISO time')
    .option('--by <key>', 'group the figures: team')
    .option('--memory <file>', 'institutional memory (JSON): read when present, written back merged')
    .option('--anonymise <dir>', 'also write the runs to this directory with names, ids and free text hashed or dropped')
    .option('--approve <candidate>', 'approve an update candidate (e.g. uc-1): write the new draft version to --draft')
    .option('--draft <file>', 'where --approve writes the new draft version (.osop; never the process itself)')
    .option('-f, --force', 'let --draft overwrite an existing file');
  addReportFormatOptions(addStoreOption(addEventLogOptions(command))).action(async (processPath: string, recordPaths: string[], opts: DebriefOpts) => {
    const format = parseReportFormat(opts);
    if (opts.anonymise !== undefined && existsSync(opts.anonymise) && readdirSync(opts.anonymise).length > 0) {
      throw new CliError(`${opts.anonymise} is not empty; --anonymise writes into a new or empty directory`, ExitCode.failed);
    }
    checkApproveOptions(opts, processPath);
    const { workflow } = loadWorkflowFile(processPath);
    const memory = opts.memory === undefined ? undefined : readMemory(opts.memory);
    const sources = await recordSources(recordPaths);
    const { debriefRuns } = await import('@sopflow/service');
    const { report, approved, anonymised } = await withRecordsContext(sources, opts, (ctx) => debriefRuns(ctx, {
      workflow, sources, eventLog: eventLogOptionsOf(opts), anonymise: opts.anonymise !== undefined,
      ...(opts.since === undefined ? {} : { since: opts.since }), ...(opts.until === undefined ? {} : { until: opts.until }),
      ...(opts.by === undefined ? {} : { by: opts.by }), ...(memory === undefined ? {} : { memory }),
      ...(opts.approve === undefined ? {} : { approve: opts.approve }),
    }));
    if (format === 'json') printJson(report, 2);
    else {
      const { renderDebrief } = await import('@sopflow/analysis');
      process.stdout.write(renderDebrief(report, format));
    }
    if (approved !== undefined && opts.draft !== undefined) {
      writeFileSync(opts.draft, approved.text);
      process.stderr.write(`approved ${approved.id} (${approved.title}): wrote ${opts.draft}, ${approved.workflow.id}@${approved.workflow.version ?? '?'} (draft)\n`);
    }
    if (opts.memory !== undefined) {
      writeFileSync(opts.memory, `${JSON.stringify(report.memory, null, 2)}\n`);
      process.stderr.write(`institutional memory: ${report.memory.entries.length} entr${report.memory.entries.length === 1 ? 'y' : 'ies'} in ${opts.memory}\n`);
    }
    if (opts.anonymise !== undefined && anonymised !== undefined) {
      mkdirSync(opts.anonymise, { recursive: true });
      anonymised.forEach((text, i) => writeFileSync(join(opts.anonymise as string, `run-${String(i + 1).padStart(4, '0')}.osoplog`), text));
      process.stderr.write(`wrote ${anonymised.length} anonymised run${anonymised.length === 1 ? '' : 's'} to ${opts.anonymise}\n`);
    }
  });
}

/** `--approve` needs `--draft`, a new file (or `--force`) that is not the process itself. */
function checkApproveOptions(opts: DebriefOpts, processPath: string): void {
  if (opts.approve === undefined && opts.draft === undefined) return;
  if (opts.approve === undefined || opts.draft === undefined) throw new CliError('--approve and --draft go together');
  if (!/\.osop$/i.test(opts.draft)) throw new CliError(`--draft must name an .osop file, not "${opts.draft}"`);
  if (resolve(opts.draft) === resolve(processPath)) throw new CliError('--draft must be a new file: an approved change never rewrites the process in place');
  if (existsSync(opts.draft) && !opts.force) throw new CliError(`${opts.draft} already exists; use --force to overwrite it`, ExitCode.failed);
}

/** The memory file's text when it exists (a first debrief starts one). */
function readMemory(path: string): { name: string; text: string } | undefined {
  if (!existsSync(path)) return undefined;
  const source = readTextFile(path);
  if (source.text === undefined) throw new CliError(`${path}: ${source.diagnostics[0]?.message ?? 'cannot read'}`, ExitCode.failed);
  return { name: path, text: source.text };
}
