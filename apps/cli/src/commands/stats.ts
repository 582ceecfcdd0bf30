import type { Command } from 'commander';
import type { Workflow } from '@sopflow/format';
import { CliError } from '../io/exit-code.js';
import { loadWorkflowFile } from '../io/load-workflow-file.js';
import { addEventLogOptions, type EventLogOptions } from '../io/read-event-log.js';
import { readRunRecords } from '../io/read-run-records.js';
import { addStoreOption, type StoreOptions } from '../io/read-store-runs.js';
import { addReportFormatOptions, parseReportFormat, type ReportFormatOptions } from '../output/report-format.js';

type StatsOpts = EventLogOptions & ReportFormatOptions & StoreOptions;

const PROCESS = /\.osop(\.ya?ml|\.json)?$/i;

/**
 * `sopflow stats [PROCESS] [RECORDS...] [--db PATH] [--format text|markdown|json] [--json]`: runs, success rate,
 * p50/p95 per step, bottlenecks, rework, hand-off waiting time between roles. With a process first,
 * its steps that never ran are listed too; a process with no records reads its finished runs from the store.
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
    const workflow: Workflow | undefined = loaded?.workflow;
    // A process alone: its runs in the store, of this version only (or, without a version, of this exact text).
    const recordPaths = workflow === undefined ? paths : paths.length > 1 ? paths.slice(1) : [`runs:${workflow.id}`];
    const { contentHash } = await import('@sopflow/engine');
    const pinned = loaded === undefined ? undefined : loaded.workflow.version !== undefined ? { version: loaded.workflow.version } : { contentHash: contentHash(loaded.text) };
    const { records } = await readRunRecords(recordPaths, { eventLog: opts, ...(opts.db === undefined ? {} : { db: opts.db }), ...(pinned === undefined ? {} : { pinned }) });
    const { computeStats, renderStats } = await import('@sopflow/analysis');
    const stats = computeStats(records);
    const seen = new Set(records.flatMap((r) => r.steps.map((s) => s.nodeId)));
    const neverRan = workflow?.nodes.filter((n) => !seen.has(n.id)).map((n) => n.id) ?? [];
    if (format === 'json') {
      process.stdout.write(`${JSON.stringify({ ...(workflow ? { workflow: workflow.id, neverRan } : {}), ...stats }, null, 2)}\n`);
      return;
    }
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
