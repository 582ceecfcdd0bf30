import type { Command } from 'commander';
import { CliError } from '../io/exit-code.js';

/** How a report command prints: plain text, markdown or JSON. */
export type ReportOutput = 'text' | 'markdown' | 'json';

export interface ReportFormatOptions {
  format?: string;
  json?: boolean;
}

/** Adds `--format text|markdown|json` and its `--json` shorthand to a command. */
export function addReportFormatOptions(command: Command): Command {
  return command
    .option('--format <format>', 'text (default), markdown or json')
    .option('--json', 'same as --format json');
}

/** Reads the two options; an unknown format, or `--json` with another format, is a usage error (exit 2). */
export function parseReportFormat(opts: ReportFormatOptions): ReportOutput {
  const format = opts.format ?? (opts.json ? 'json' : 'text');
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    throw new CliError(`--format must be text, markdown or json, not "${format}"`);
  }
  if (opts.json && format !== 'json') throw new CliError(`--json contradicts --format ${format}`);
  return format;
}
