import { existsSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readSourceFile } from '../io/read-source-file.js';
import { formatDiagnostics } from '../output/print-diagnostics.js';
import { createStyle } from '../output/style.js';

interface LogImportOpts {
  from: string;
  output?: string;
  force?: boolean;
}

const SOURCES = ['claude-code'] as const;

/**
 * `sopflow log import --from claude-code SESSION.jsonl [-o out.osoplog] [--force]`: a coding agent's
 * session transcript → an `.osoplog` (one node record per tool call, grouped into phases).
 * Adds `import` to the program's `log` command when one is registered (the engine's `log RUN`),
 * else creates `log`; register it after the engine commands.
 */
export function registerLogImportCommand(program: Command): void {
  const log = program.commands.find((c) => c.name() === 'log')
    ?? program.command('log').description('execution records (.osoplog): import them from other tools');
  // `log` has its own `-o`: with positional options (program and `log`), `log import ... -o FILE`
  // reaches the subcommand instead of being taken by `log`. The program has no options of its own but -V/-h.
  program.enablePositionalOptions();
  log.enablePositionalOptions();
  addLogImportSubcommand(log);
}

/** Adds the `import` subcommand to a `log` command object. */
export function addLogImportSubcommand(log: Command): void {
  log
    .command('import')
    .description('turn a Claude Code session transcript (JSONL) into an .osoplog execution record')
    .argument('<session>', 'session transcript (.jsonl)')
    .requiredOption('--from <source>', `where the transcript comes from: ${SOURCES.join(', ')}`)
    .option('-o, --output <file>', 'write the record to a file (.json for JSON) instead of printing YAML')
    .option('-f, --force', 'overwrite the output file')
    .action(async (session: string, opts: LogImportOpts) => {
      if (!(SOURCES as readonly string[]).includes(opts.from)) {
        throw new CliError(`--from must be ${SOURCES.join(' or ')}, not "${opts.from}"`);
      }
      if (opts.output !== undefined && existsSync(opts.output) && !opts.force) {
        throw new CliError(`${opts.output} already exists; use --force to overwrite it`, ExitCode.failed);
      }
      const source = readSourceFile(session);
      const style = createStyle(process.stderr);
      if (source.text === undefined) {
        if (!existsSync(session)) throw new CliError(`no such file: ${session}`);
        if (statSync(session).isDirectory()) throw new CliError(`${session} is a directory; give one session transcript (.jsonl)`);
        throw new CliError(formatDiagnostics(source.diagnostics, undefined, style), ExitCode.failed);
      }
      const { importClaudeCodeTranscript } = await import('@sopflow/analysis');
      const { stringifyExecutionLog } = await import('@sopflow/format');
      const result = importClaudeCodeTranscript(source.text, { file: session });
      if (result.diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(result.diagnostics, source.text, style)}\n`);
      if (result.diagnostics.some((d) => d.severity === 'error')) {
        throw new CliError(`${session}: the transcript could not be imported`, ExitCode.failed);
      }
      if (result.record.steps.length === 0) {
        throw new CliError(`${session}: no tool calls found; is this a Claude Code session transcript?`, ExitCode.failed);
      }
      const format = opts.output !== undefined && /\.json$/i.test(opts.output) ? 'json' : 'yaml';
      const text = stringifyExecutionLog(result.log, format);
      if (opts.output === undefined) {
        process.stdout.write(text);
        return;
      }
      writeFileSync(opts.output, text);
      const failed = result.record.steps.filter((s) => s.status === 'FAILED').length;
      process.stderr.write(`wrote ${opts.output}: ${result.record.steps.length} tool calls, ${failed} failed, outcome ${result.record.outcome ?? 'unknown'}\n`);
    });
}
