import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { InstitutionalMemory } from '@sopflow/analysis';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, type EventLogOptions } from '../io/read-event-log.js';
import { readRunRecords } from '../io/read-run-records.js';
import { addStoreOption, type StoreOptions } from '../io/read-store-runs.js';
import { readSourceFile } from '../io/read-source-file.js';
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
 * debrief — adherence, classified deviations, outcome correlation, update candidates awaiting
 * approval (approving one writes a new draft version, never over the process), institutional memory.
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
    const since = parseTime('--since', opts.since);
    const until = parseTime('--until', opts.until);
    if (opts.by !== undefined && opts.by !== 'team') throw new CliError(`--by must be team, not "${opts.by}"`);
    if (opts.anonymise !== undefined && existsSync(opts.anonymise) && readdirSync(opts.anonymise).length > 0) {
      throw new CliError(`${opts.anonymise} is not empty; --anonymise writes into a new or empty directory`, ExitCode.failed);
    }
    checkApproveOptions(opts, processPath);
    const { workflow } = loadWorkflowFile(processPath);
    const memory = opts.memory === undefined ? undefined : readMemory(opts.memory, workflow.id);
    const { records } = await readRunRecords(recordPaths, { eventLog: opts, ...(opts.db === undefined ? {} : { db: opts.db }) });
    const analysis = await import('@sopflow/analysis');
    const report = analysis.debrief(workflow, records, { since, until, ...(opts.by === 'team' ? { by: 'team' as const } : {}), memory });
    process.stdout.write(analysis.renderDebrief(report, format));
    if (opts.approve !== undefined && opts.draft !== undefined) {
      const candidate = report.updateCandidates.find((c) => c.id === opts.approve);
      if (candidate === undefined) {
        const known = report.updateCandidates.map((c) => c.id).join(', ') || 'none';
        throw new CliError(`no update candidate "${opts.approve}" in this debrief (candidates: ${known})`, ExitCode.failed);
      }
      const approved = analysis.approveUpdateCandidate(workflow, candidate);
      if (approved.workflow === undefined) {
        throw new CliError(`${candidate.id} cannot be applied: ${approved.diagnostics.map((d) => d.message).join('; ')}`, ExitCode.failed);
      }
      const { stringifyWorkflow } = await import('@sopflow/format');
      writeFileSync(opts.draft, stringifyWorkflow(approved.workflow));
      process.stderr.write(`approved ${candidate.id} (${candidate.title}): wrote ${opts.draft}, ${approved.workflow.id}@${approved.workflow.version ?? '?'} (draft)\n`);
    }
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

/** `--approve` needs `--draft`, a new file (or `--force`) that is not the process itself. */
function checkApproveOptions(opts: DebriefOpts, processPath: string): void {
  if (opts.approve === undefined && opts.draft === undefined) return;
  if (opts.approve === undefined || opts.draft === undefined) throw new CliError('--approve and --draft go together');
  if (!/\.osop$/i.test(opts.draft)) throw new CliError(`--draft must name an .osop file, not "${opts.draft}"`);
  if (resolve(opts.draft) === resolve(processPath)) throw new CliError('--draft must be a new file: an approved change never rewrites the process in place');
  if (existsSync(opts.draft) && !opts.force) throw new CliError(`${opts.draft} already exists; use --force to overwrite it`, ExitCode.failed);
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
