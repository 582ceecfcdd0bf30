import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { RecordSource } from '@sopflow/service';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { recordSources, withRecordsContext } from '../io/records-context.js';
import { printJson } from '../output/print-json.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';

interface DiffOpts extends ReportFormatOptions {
  runs?: boolean;
  labels?: string;
}

type PathKind = 'process' | 'record' | 'directory' | 'other';

/**
 * `sopflow diff A B [--format text|markdown|json] [--json]`: two process versions (.osop), two runs
 * (.osoplog), or with `--runs` two sets of runs (`DIR_A DIR_B`, `A... -- B...`, or runs of exactly
 * two versions); the service's `diffWorkflows`, `diffRuns`, `diffRunSets`. Exit 0 when the comparison
 * ran, 1 on an unreadable input, 2 on usage errors.
 */
export function registerDiffCommand(program: Command): void {
  const command = program
    .command('diff')
    .description('compare two process versions, two runs, or (--runs) two sets of runs')
    .argument('<paths...>', 'two .osop files, two .osoplog files, or with --runs: DIR_A DIR_B | A... -- B... | runs of two versions')
    .option('--runs', 'compare two sets of runs: success rate, median and p95 per step, with counts')
    .option('--labels <a,b>', 'names of the two sets of runs (default: the versions, the directory names, or A and B)');
  addReportFormatOptions(command).action(async (paths: string[], opts: DiffOpts, cmd: Command) => {
    const format = parseReportFormat(opts);
    const service = await import('@sopflow/service');
    const { renderDiff } = await import('@sopflow/analysis');
    let diff: Parameters<typeof renderDiff>[0];
    if (opts.runs) {
      const labels = parseLabels(opts.labels);
      const input = await runSetsInput(paths, operandsAfterSeparator(cmd, paths));
      const sources = 'sets' in input ? [...input.sets[0].sources, ...input.sets[1].sources] : input.byVersion;
      diff = await withRecordsContext(sources, {}, (ctx) => service.diffRunSets(ctx, { ...input, ...(labels === undefined ? {} : { labels }) }));
    } else {
      if (opts.labels !== undefined) throw new CliError('--labels names two sets of runs; use it with --runs');
      if (paths.length !== 2) throw new CliError(`diff takes two files, got ${paths.length}; use --runs to compare sets of runs`);
      const kinds = paths.map(kindOf);
      const missing = paths.find((p, i) => kinds[i] === 'other' && !exists(p));
      if (missing !== undefined) throw new CliError(`no such file: ${missing}`, ExitCode.usage, { code: 'file-not-found', file: missing });
      if (kinds[0] === 'process' && kinds[1] === 'process') {
        diff = await service.diffWorkflows(loadWorkflowFile(paths[0]).workflow, loadWorkflowFile(paths[1]).workflow);
      } else if (kinds[0] === 'record' && kinds[1] === 'record') {
        diff = await withRecordsContext([], {}, (ctx) => service.diffRuns(ctx, { kind: 'path', path: paths[0] }, { kind: 'path', path: paths[1] }));
      } else {
        throw new CliError(
          `cannot compare ${describe(kinds[0], paths[0])} with ${describe(kinds[1], paths[1])}: give two .osop processes, two .osoplog runs, or --runs with two sets of runs`,
        );
      }
    }
    if (format === 'json') {
      printJson(diff, 2);
      return;
    }
    const text = renderDiff(diff, format);
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  });
}

/** The two sets the arguments name: `A... -- B...`, two directories (named by their folders), or one heap split by version. */
async function runSetsInput(paths: string[], after: string[]): Promise<{ sets: [{ sources: RecordSource[]; label?: string }, { sources: RecordSource[]; label?: string }] } | { byVersion: RecordSource[] }> {
  if (after.length > 0) {
    const before = paths.slice(0, paths.length - after.length);
    if (before.length === 0) throw new CliError('--runs A... -- B...: no runs before "--"');
    return { sets: [{ sources: await recordSources(before) }, { sources: await recordSources(after) }] };
  }
  if (paths.length === 2 && paths.every((p) => kindOf(p) === 'directory')) {
    const [labelA, labelB] = basename(paths[0]) === basename(paths[1]) ? [paths[0], paths[1]] : [basename(paths[0]), basename(paths[1])];
    return { sets: [{ sources: await recordSources([paths[0]]), label: labelA }, { sources: await recordSources([paths[1]]), label: labelB }] };
  }
  return { byVersion: await recordSources(paths) };
}

/** Commander drops `--` from the operands; the root command keeps the raw arguments, so the operands after the last `--` are read there. */
function operandsAfterSeparator(cmd: Command, operands: string[]): string[] {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const raw = (root as unknown as { rawArgs?: string[] }).rawArgs ?? [];
  const at = raw.lastIndexOf('--');
  if (at < 0) return [];
  const after = raw.slice(at + 1);
  return after.length <= operands.length ? after : [];
}

function parseLabels(value: string | undefined): [string, string] | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) throw new CliError(`--labels takes two names separated by a comma, not "${value}"`);
  return [parts[0], parts[1]];
}

function kindOf(path: string): PathKind {
  if (exists(path) && statSync(path).isDirectory()) return 'directory';
  if (/\.osoplog(\.ya?ml|\.json)?$/i.test(path)) return exists(path) ? 'record' : 'other';
  if (/\.osop(\.ya?ml|\.json)?$/i.test(path)) return exists(path) ? 'process' : 'other';
  return 'other';
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function describe(kind: PathKind, path: string): string {
  switch (kind) {
    case 'process': return `a process (${path})`;
    case 'record': return `a run record (${path})`;
    case 'directory': return `a directory (${path})`;
    case 'other': return `${path} (neither .osop nor .osoplog)`;
  }
}
