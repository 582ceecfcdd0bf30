import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { InstitutionalMemory } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, type EventLogOptions } from '../io/read-event-log.js';
import { readRunRecords } from '../io/read-run-records.js';
import { readSourceFile } from '../io/read-source-file.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';

interface DebriefOpts extends EventLogOptions, ReportFormatOptions {
  since?: string;
  until?: string;
  by?: string;
  memory?: string;
  anonymise?: string;
}

/**
 * `sopflow debrief PROCESS RECORDS... [--since T] [--until T] [--by team] [--memory FILE]
 * [--anonymise OUT_DIR] [--format text|markdown|json]`: the shift debrief — adherence, classified
 * deviations, outcome correlation, update candidates awaiting approval, institutional memory.
 */
export function registerDebriefCommand(program: Command): void {
  const command = program
    .command('debrief')
    .description('the shift debrief: adherence, classified deviations, outcome correlation, update candidates')
    .argument('<process>', 'the process (.osop)')
    .argument('<records...>', '.osoplog files or directories, or one XES/CSV event log')
    .option('--since <time>', 'leave out runs that started before this ISO time')
    .option('--until <time>', 'leave out runs that started at or after this ISO time')
    .option('--by <key>', 'group the figures: team')
    .option('--memory <file>', 'institutional memory (JSON): read when present, written back merged')
    .option('--anonymise <dir>', 'also write the runs to this directory with names, ids and free text hashed or dropped');
  addReportFormatOptions(addEventLogOptions(command)).action(async (processPath: string, recordPaths: string[], opts: DebriefOpts) => {
    const format = parseReportFormat(opts);
    const since = parseTime('--since', opts.since);
    const until = parseTime('--until', opts.until);
    if (opts.by !== undefined && opts.by !== 'team') throw new CliError(`--by must be team, not "${opts.by}"`);
    if (opts.anonymise !== undefined && existsSync(opts.anonymise) && readdirSync(opts.anonymise).length > 0) {
      throw new CliError(`${opts.anonymise} is not empty; --anonymise writes into a new or empty directory`, ExitCode.failed);
    }
    const { workflow } = loadWorkflowFile(processPath);
    const memory = opts.memory === undefined ? undefined : readMemory(opts.memory, workflow.id);
    const { records } = await readRunRecords(recordPaths, { eventLog: opts });
    const analysis = await import('@sopflow/analysis');
    const report = analysis.debrief(workflow, records, { since, until, ...(opts.by === 'team' ? { by: 'team' as const } : {}), memory });
    process.stdout.write(analysis.renderDebrief(report, format));
    if (opts.memory !== undefined) {
      writeFileSync(opts.memory, `${JSON.stringify(report.memory, null, 2)}\n`);
      process.stderr.write(`institutional memory: ${report.memory.entries.length} entr${report.memory.entries.length === 1 ? 'y' : 'ies'} in ${opts.memory}\n`);
    }
    if (opts.anonymise !== undefined) {
      // The salt lives only in this process: pseudonyms line up within the export and cannot be reversed later.
      const salt = randomBytes(16).toString('hex');
      const inWindow = records.filter((r) => inTimeWindow(r.startedAt, since, until));
      const anonymous = analysis.anonymise(inWindow, { salt });
      mkdirSync(opts.anonymise, { recursive: true });
      anonymous.forEach((record, i) => {
        writeFileSync(join(opts.anonymise as string, `run-${String(i + 1).padStart(4, '0')}.osoplog`), analysis.serialiseOsoplog(record, 'yaml'));
      });
      process.stderr.write(`wrote ${anonymous.length} anonymised run${anonymous.length === 1 ? '' : 's'} to ${opts.anonymise}\n`);
    }
  });
}

function parseTime(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new CliError(`${option} must be an ISO date or time such as 2026-03-01 or 2026-03-01T08:00:00Z, not "${value}"`);
  }
  return new Date(value).toISOString();
}

function inTimeWindow(startedAt: string | undefined, since: string | undefined, until: string | undefined): boolean {
  if (since === undefined && until === undefined) return true;
  const t = startedAt === undefined ? Number.NaN : Date.parse(startedAt);
  if (Number.isNaN(t)) return false;
  return (since === undefined || t >= Date.parse(since)) && (until === undefined || t < Date.parse(until));
}

function readMemory(path: string, workflowId: string): InstitutionalMemory | undefined {
  if (!existsSync(path)) return undefined;
  const source = readSourceFile(path);
  if (source.text === undefined) throw new CliError(`${path}: ${source.diagnostics[0]?.message ?? 'cannot read'}`, ExitCode.failed);
  let value: unknown;
  try {
    value = JSON.parse(source.text);
  } catch (err) {
    throw new CliError(`${path}: not a JSON institutional memory (${(err as Error).message})`, ExitCode.failed);
  }
  const memory = value as Partial<InstitutionalMemory>;
  if (typeof memory !== 'object' || memory === null || typeof memory.workflowId !== 'string' || !Array.isArray(memory.entries)) {
    throw new CliError(`${path}: an institutional memory needs "workflowId" and "entries"`, ExitCode.failed);
  }
  if (memory.workflowId !== workflowId) {
    throw new CliError(`${path} is the memory of process "${memory.workflowId}", not "${workflowId}"`, ExitCode.failed);
  }
  return memory as InstitutionalMemory;
}
