import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { RunRecord } from '@sopflow/analysis';
import { CliError } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { readRunRecords } from '../io/read-run-records.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';

interface DiffOpts extends ReportFormatOptions {
  runs?: boolean;
  labels?: string;
}

type PathKind = 'process' | 'record' | 'directory' | 'other';

/**
 * `sopflow diff A B [--format text|markdown|json] [--json]`: two process versions (.osop), two runs
 * (.osoplog), or with `--runs` two sets of runs (`DIR_A DIR_B`, `A... -- B...`, or runs of exactly
 * two versions). Exit 0 when the comparison ran, 1 on an unreadable input, 2 on usage errors.
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
    const analysis = await import('@sopflow/analysis');
    let diff: Parameters<typeof analysis.renderDiff>[0];
    if (opts.runs) {
      const labels = parseLabels(opts.labels);
      const [a, b] = await readRunSets(paths, operandsAfterSeparator(cmd, paths));
      diff = analysis.diffRunSets(a.records, b.records, { labelA: labels?.[0] ?? a.label, labelB: labels?.[1] ?? b.label });
    } else {
      if (opts.labels !== undefined) throw new CliError('--labels names two sets of runs; use it with --runs');
      if (paths.length !== 2) throw new CliError(`diff takes two files, got ${paths.length}; use --runs to compare sets of runs`);
      const kinds = paths.map(kindOf);
      const missing = paths.find((p, i) => kinds[i] === 'other' && !exists(p));
      if (missing !== undefined) throw new CliError(`no such file: ${missing}`);
      if (kinds[0] === 'process' && kinds[1] === 'process') {
        diff = analysis.diffWorkflows(loadWorkflowFile(paths[0]).workflow, loadWorkflowFile(paths[1]).workflow);
      } else if (kinds[0] === 'record' && kinds[1] === 'record') {
        const [a, b] = [(await readRunRecords([paths[0]])).records[0], (await readRunRecords([paths[1]])).records[0]];
        diff = analysis.diffRuns(a, b);
      } else {
        throw new CliError(
          `cannot compare ${describe(kinds[0], paths[0])} with ${describe(kinds[1], paths[1])}: give two .osop processes, two .osoplog runs, or --runs with two sets of runs`,
        );
      }
    }
    const text = analysis.renderDiff(diff, format);
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  });
}

interface RunSet {
  label: string;
  records: RunRecord[];
}

async function readRunSets(paths: string[], after: string[]): Promise<[RunSet, RunSet]> {
  if (after.length > 0) {
    const before = paths.slice(0, paths.length - after.length);
    if (before.length === 0) throw new CliError('--runs A... -- B...: no runs before "--"');
    const a = (await readRunRecords(before)).records;
    const b = (await readRunRecords(after)).records;
    const [va, vb] = [versionLabel(a), versionLabel(b)];
    const distinct = va !== undefined && vb !== undefined && va !== vb;
    return [{ label: distinct ? va : 'A', records: a }, { label: distinct ? vb : 'B', records: b }];
  }
  if (paths.length === 2 && paths.every((p) => kindOf(p) === 'directory')) {
    const a = (await readRunRecords([paths[0]])).records;
    const b = (await readRunRecords([paths[1]])).records;
    const [labelA, labelB] = basename(paths[0]) === basename(paths[1]) ? [paths[0], paths[1]] : [basename(paths[0]), basename(paths[1])];
    return [{ label: labelA, records: a }, { label: labelB, records: b }];
  }
  const all = (await readRunRecords(paths)).records;
  const byVersion = new Map<string, RunRecord[]>();
  for (const r of all) {
    const key = r.workflowVersion ?? '(no version)';
    byVersion.set(key, [...(byVersion.get(key) ?? []), r]);
  }
  if (byVersion.size !== 2) {
    throw new CliError(
      `--runs needs two sets: DIR_A DIR_B, A... -- B..., or runs of exactly two versions (found ${byVersion.size}: ${[...byVersion.keys()].join(', ')})`,
    );
  }
  const [[va, a], [vb, b]] = [...byVersion.entries()].sort(([x], [y]) => x.localeCompare(y, undefined, { numeric: true }));
  return [{ label: va, records: a }, { label: vb, records: b }];
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

function versionLabel(records: RunRecord[]): string | undefined {
  const versions = new Set(records.map((r) => r.workflowVersion));
  const [only] = versions;
  return versions.size === 1 && only !== undefined ? only : undefined;
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
