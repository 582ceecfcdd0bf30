import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';
import { printJson } from '../output/print-json.js';

type StatsOpts = EventLogOptions & ReportFormatOptions & StoreOptions;

const PROCESS = /\.osop(\.ya?ml|\.json)?$/i;

/**
 * `sopflow stats [PROCESS] [RECORDS...] [--db PATH] [--format text|markdown|json] [--json]`: runs, success rate,
 * p50/p95 per step, bottlenecks, rework, hand-off waiting time between roles (the service's `runStats`).
 * With a process first, its steps that never ran are listed too; a process with no records reads its finished runs from the store.
 */
export function registerStatsCommand(program: Command): void {
  const command = program
    .command('stats')
    .description('run statistics: success rate, p50/p95 per step, bottlenecks, rework, hand-offs between roles')
    .argument('<paths...>', 'optionally the process (.osop) first, then .osoplog files or directories, an XES/CSV event log, or runs: / runs:WORKFLOW_ID; a process alone reads its runs from the store');
  addReportFormatOptions(addStoreOption(addEventLogOptions(command))).action(async (paths: string[], opts: StatsOpts) => {
    const format = parseReportFormat(opts);
    const processPath = paths.find((p) => PROCESS.test(p));
    if (processPath !== undefined && processPath !== paths[0]) throw new CliError('give the process (.osop) first, then the records');
    const loaded = processPath === undefined ? undefined : loadWorkflowFile(processPath);
    const sources = await recordSources(loaded === undefined ? paths : paths.slice(1));
    const { runStats } = await import('@sopflow/service');
    // A process alone reads its runs from the store.
    const opened = loaded !== undefined && sources.length === 0 ? [{ kind: 'store' as const }] : sources;
    const { workflow, neverRan, stats } = await withRecordsContext(opened, opts, (ctx) => runStats(ctx, {
      sources, eventLog: eventLogOptionsOf(opts), ...(loaded === undefined ? {} : { process: loaded }),
    }));
    if (format === 'json') {
      printJson({ ...(workflow ? { workflow: workflow.id, neverRan } : {}), ...stats }, 2);
      return;
    }
    const { renderStats } = await import('@sopflow/analysis');
    if (workflow) {
      const title = `${workflow.id}${workflow.version ? `@${workflow.version}` : ''}`;
      process.stdout.write(format === 'markdown' ? `Process: \`${title}\`\n\n` : `process: ${title}\n`);
    }
    process.stdout.write(renderStats(stats, format));
    if (neverRan.length > 0) {
      process.stdout.write(`${format === 'markdown' ? '\n' : ''}Steps of the process that never ran: ${neverRan.join(', ')}\n`);
    }
  });
}
