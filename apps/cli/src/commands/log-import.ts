import { existsSync, statSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Diagnostic } from '@sopflow/format';
import { engineCall } from '../engine/open-engine.js';
import { CliError, ExitCode } from '../io/exit-code.js';
import { readTextFile } from '@sopflow/service/read-text-file';
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
 * session transcript → an `.osoplog` (one node record per tool call, grouped into phases): the service's `importTranscript`.
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
      const source = readTextFile(session);
      const style = createStyle(process.stderr);
      if (source.text === undefined) {
        if (!existsSync(session)) throw new CliError(`no such file: ${session}`, ExitCode.usage, { code: 'file-not-found', file: session });
        if (statSync(session).isDirectory()) throw new CliError(`${session} is a directory; give one session transcript (.jsonl)`);
        throw new CliError(formatDiagnostics(source.diagnostics, undefined, style), ExitCode.failed);
      }
      const { importTranscript, isServiceError } = await import('@sopflow/service');
      const printDiagnostics = (diagnostics: readonly Diagnostic[]): void => {
        if (diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(diagnostics, source.text, style)}\n`);
      };
      const format = opts.output !== undefined && /\.json$/i.test(opts.output) ? 'json' : 'yaml';
      const imported = await engineCall(async () => {
        try {
          return await importTranscript({ from: opts.from, name: session, text: source.text as string, format });
        } catch (error) {
          if (isServiceError(error)) printDiagnostics((error.details as { diagnostics?: Diagnostic[] } | undefined)?.diagnostics ?? []);
          throw error;
        }
      });
      printDiagnostics(imported.diagnostics);
      if (opts.output === undefined) {
        process.stdout.write(imported.text);
        return;
      }
      writeFileSync(opts.output, imported.text);
      process.stderr.write(`wrote ${opts.output}: ${imported.steps} tool calls, ${imported.failed} failed, outcome ${imported.outcome}\n`);
    });
}
