import { Command, CommanderError } from 'commander';
import { CliError, ExitCode, refusalAsCliError } from './io/exit-code.js';
import { withJsonOutput, type JsonOutput } from './output/print-json.js';
import { registerInitCommand } from './commands/init.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerRenderCommand } from './commands/render.js';
import { registerExplainCommand } from './commands/explain.js';
import { registerFmtCommand } from './commands/fmt.js';
import { registerSchemaCommand } from './commands/schema.js';
import { registerImportCommand } from './commands/import.js';
import { registerExportCommand } from './commands/export.js';
import { registerMineCommand } from './commands/mine.js';
import { registerEngineCommands } from './commands/engine-commands.js';
import { registerLogImportCommand } from './commands/log-import.js';
import { registerLogExportCommand } from './commands/log-export.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerConformCommand } from './commands/conform.js';
import { registerDebriefCommand } from './commands/debrief.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerSynthesizeCommand } from './commands/synthesize.js';
import { registerDelegationCommand } from './commands/delegation.js';
import { registerServerCommands } from './commands/server-commands.js';
import { registerMcpCommands } from './commands/mcp-commands.js';
import { registerDiscoverCommand } from './commands/discover.js';
import { registerJourneyCommands } from './commands/journey.js';
import { registerHubCommands } from './commands/hub.js';

/**
 * Builds the `sopflow` program. Each command lives in `commands/<name>.ts` and registers itself;
 * commands import heavy packages lazily inside their action (`await import(...)`), so a command
 * pays only for what it uses and `sopflow validate` starts fast.
 */
export function createProgram(): Command {
  const program = new Command('sopflow')
    .description('Standard operating procedures as living software: define, run, compare, learn.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .exitOverride();
  registerInitCommand(program);
  registerValidateCommand(program);
  registerRenderCommand(program);
  registerExplainCommand(program);
  registerFmtCommand(program);
  registerSchemaCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerMineCommand(program);
  registerEngineCommands(program);
  registerLogImportCommand(program);
  registerLogExportCommand(program);
  registerDiffCommand(program);
  registerConformCommand(program);
  registerDebriefCommand(program);
  registerStatsCommand(program);
  registerSynthesizeCommand(program);
  registerDelegationCommand(program);
  registerServerCommands(program);
  registerMcpCommands(program);
  registerDiscoverCommand(program);
  registerJourneyCommands(program);
  registerHubCommands(program);
  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function runCli(argv: readonly string[]): Promise<number> {
  // `sopflow ... | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
      throw err;
    });
  }
  const program = createProgram();
  const output: JsonOutput = { printed: false };
  try {
    await withJsonOutput(output, () => program.parseAsync([...argv], { from: 'user' }));
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (err) {
    if (err instanceof CommanderError && (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')) return ExitCode.ok;
    const failure = await failureOf(err);
    // --json: stdout holds one JSON document — the command's result, or this error when no result was printed.
    if (jsonRequested(argv) && !output.printed) {
      const { code, message, file } = failure;
      process.stdout.write(`${JSON.stringify({ ...(file === undefined ? {} : { file }), error: { code, message } })}\n`);
    } else if (!(err instanceof CommanderError)) {
      process.stderr.write(`sopflow: ${failure.internal ? 'internal error: ' : ''}${failure.message}${failure.refusal ? ` (${failure.code})` : ''}\n`);
    }
    return failure.exitCode;
  }
}

interface Failure {
  code: string;
  message: string;
  file?: string;
  exitCode: number;
  internal?: boolean;
  /** A service refusal: the stderr line names its code. */
  refusal?: boolean;
}

/** Any error a command stops with as a code, a message and an exit code: commander's usage errors, CliErrors, service refusals, else an internal error. */
async function failureOf(err: unknown): Promise<Failure> {
  if (err instanceof CommanderError) {
    // commander already wrote its message to stderr ("error: unknown option '--x'").
    return { code: err.code.replace(/^commander\./, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`), message: err.message.replace(/^error: /, ''), exitCode: ExitCode.usage };
  }
  const stopped = err instanceof CliError ? err : await refusalAsCliError(err);
  if (stopped !== undefined) {
    return { code: stopped.code, message: stopped.message, ...(stopped.file === undefined ? {} : { file: stopped.file }), exitCode: stopped.exitCode, refusal: stopped.refusal };
  }
  return { code: 'internal', message: (err as Error).message, exitCode: ExitCode.failed, internal: true };
}

/** True when the command line asks for JSON, `--json` or `--format json` (before a `--` that ends the options). */
function jsonRequested(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end === -1 ? argv : argv.slice(0, end);
  return options.some((arg, i) => arg === '--json' || arg === '--format=json' || (arg === '--format' && options[i + 1] === 'json'));
}
