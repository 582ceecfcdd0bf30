import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { addEventLogOptions, eventLogOptionsOf, type EventLogOptions } from '../io/read-event-log.js';
import { addStoreOption, recordSources, withRecordsContext, type StoreOptions } from '../io/records-context.js';

interface LogExportOpts extends EventLogOptions, StoreOptions {
  to: string;
  output: string;
  force?: boolean;
}

const TARGETS = ['xes', 'csv'] as const;

/**
 * `sopflow log export RECORDS... --to xes|csv -o FILE [--force] [--db PATH]`: run records (.osoplog
 * files or directories, runs in the store, another event log) → an XES or CSV event log, one case per
 * run, for process-mining tools (PM4Py, ProM, Disco): the service's `exportEventLog`. Adds `export` to the program's `log` command;
 * register it after the engine commands and `log import`.
 */
export function registerLogExportCommand(program: Command): void {
  const log = program.commands.find((c) => c.name() === 'log')
    ?? program.command('log').description('execution records (.osoplog): import and export them');
  // As for `log import`: `log export ... -o FILE` must reach the subcommand, not `log`'s own `-o`.
  program.enablePositionalOptions();
  log.enablePositionalOptions();
  addLogExportSubcommand(log);
}

/** Adds the `export` subcommand to a `log` command object. */
export function addLogExportSubcommand(log: Command): void {
  const command = log
    .command('export')
    .description('write run records as an XES or CSV event log (one case per run) for process-mining tools')
    .argument('<records...>', '.osoplog files or directories, an XES/CSV event log, or runs: / runs:WORKFLOW_ID (finished runs in the store)')
    .requiredOption('--to <format>', `event log format: ${TARGETS.join(' or ')}`)
    .requiredOption('-o, --output <file>', 'the event log to write')
    .option('-f, --force', 'overwrite the output file');
  addStoreOption(addEventLogOptions(command)).action(async (recordArgs: string[], opts: LogExportOpts) => {
    const target = TARGETS.find((t) => t === opts.to);
    if (target === undefined) throw new CliError(`--to must be ${TARGETS.join(' or ')}, not "${opts.to}"`);
    if (existsSync(opts.output) && !opts.force) {
      throw new CliError(`${opts.output} already exists; use --force to overwrite it`, ExitCode.failed);
    }
    const sources = await recordSources(recordArgs);
    const { exportEventLog } = await import('@sopflow/service');
    const log = await withRecordsContext(sources, opts, (ctx) => exportEventLog(ctx, { sources, to: target, eventLog: eventLogOptionsOf(opts) }));
    writeFileSync(opts.output, log.text);
    process.stderr.write(`wrote ${opts.output}: ${log.cases} case${log.cases === 1 ? '' : 's'}, ${log.events} events, ${log.activities} activities\n`);
  });
}
