import type { Command } from 'commander';
import type { ConformanceTotal, RunConformance } from '@sopflow/service';
import { CliError, ExitCode } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { isModelFile, loadModelFile } from './import-model.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';
import { printJson } from '../output/print-json.js';

interface ConformOpts extends EventLogOptions, StoreOptions {
  json?: boolean;
  budgetMs?: string;
  strict?: boolean;
}

/**
 * `sopflow conform PROCESS RECORDS... [--json] [--budget-ms N] [--strict]`: how far runs followed
 * their process, per run and in total (the service's `conformRuns`). Exit 0 when the check ran
 * (1 with --strict when any deviation or unfinished run was found).
 */
export function registerConformCommand(program: Command): void {
  const command = program
    .command('conform')
    .description('check runs against their process: fitness (token replay, alignments) and named deviations')
    .argument('<process>', 'the process (.osop, or a .bpmn / .pnml / .ptml model)')
    .argument('<records...>', '.osoplog files or directories, one XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .option('--json', 'print the report as JSON')
    .option('--budget-ms <ms>', 'time budget per trace for the alignments (default 5000)')
    .option('--strict', 'exit 1 when any deviation is found or any run did not finish');
  addStoreOption(addEventLogOptions(command)).action(async (processPath: string, recordPaths: string[], opts: ConformOpts) => {
    const budgetMs = opts.budgetMs === undefined ? undefined : Number(opts.budgetMs);
    if (budgetMs !== undefined && (!Number.isInteger(budgetMs) || budgetMs <= 0)) throw new CliError(`--budget-ms must be a positive whole number, not "${opts.budgetMs}"`);
    const { workflow } = isModelFile(processPath) ? await loadModelFile(processPath) : loadWorkflowFile(processPath);
    const sources = await recordSources(recordPaths);
    const { conformRuns } = await import('@sopflow/service');
    const { total, runs } = await withRecordsContext(sources, opts, (ctx) => conformRuns(ctx, {
      workflow, sources, eventLog: eventLogOptionsOf(opts), ...(budgetMs === undefined ? {} : { budgetMs }),
    }));
    if (opts.json) printJson({ total, runs }, 2);
    else printText(total, runs);
    const found = runs.some((r) => r.deviations.length > 0 || !r.finished);
    if (opts.strict && found) process.exitCode = ExitCode.failed;
  });
}

function printText(total: ConformanceTotal, runs: RunConformance[]): void {
  const f = (x: number | undefined): string => (x === undefined ? '—' : x.toFixed(4));
  const out: string[] = [];
  out.push(`CONFORMANCE ${total.workflow}: ${total.runs} run${total.runs === 1 ? '' : 's'}, ${total.variants} variant${total.variants === 1 ? '' : 's'}`);
  out.push(`fitness: token replay ${f(total.tokenReplay)}, alignments ${f(total.alignment)}${total.notFinished > 0 ? ` (${total.notFinished} not finished)` : ''}`);
  const kinds = Object.entries(total.deviations).filter(([, n]) => n > 0);
  const unchecked = total.notFinished > 0 ? ` (${total.notFinished} run${total.notFinished === 1 ? '' : 's'} not checked: over the time budget)` : '';
  out.push(`deviations: ${kinds.length === 0 ? 'none found' : kinds.map(([k, n]) => `${k} ${n}`).join(', ')}${unchecked}`);
  out.push('');
  const width = Math.max(3, ...runs.map((r) => r.runId.length));
  out.push(`${'run'.padEnd(width)}  ${'replay'.padStart(6)}  ${'align'.padStart(6)}  deviations`);
  for (const r of runs) {
    const status = r.finished ? `${r.deviations.length}` : 'not finished';
    out.push(`${r.runId.padEnd(width)}  ${f(r.tokenReplay).padStart(6)}  ${f(r.alignment).padStart(6)}  ${status}`);
    for (const d of r.deviations) out.push(`${' '.repeat(width)}    - ${d.kind}: ${d.detail}`);
    if (r.unjudgedConditions > 0) out.push(`${' '.repeat(width)}    (${r.unjudgedConditions} branch condition${r.unjudgedConditions === 1 ? '' : 's'} could not be judged from the record)`);
  }
  if (total.patterns.length > 0) {
    out.push('');
    out.push('Patterns (runs showing each):');
    for (const p of total.patterns) out.push(`  ${p.pattern}: ${p.runs} of ${total.runs}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
