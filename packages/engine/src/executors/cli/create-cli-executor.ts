import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { StepExecutor, StepRequest, StepResult } from '../../ports/step-executor.js';
import { runRedacted, type StepRedactor } from '../secrets/create-step-redactor.js';
import { redactValue } from '../secrets/redact-value.js';
import { abortMessage, createStepDeadline } from '../step-deadline.js';
import { stepFailed } from '../step-failure.js';
import { createTemplateContext } from '../template/create-template-context.js';
import { interpolateString } from '../template/interpolate-string.js';
import { startToolCall, type Now } from '../tool-call-timer.js';
import { buildCliArgv } from './build-cli-argv.js';
import { buildChildEnvironment } from './child-environment.js';
import { findScriptPlaceholderProblem } from './find-script-placeholder-problem.js';
import { readCliRuntime } from './read-cli-runtime.js';
import { runProcess, type CapturedStream } from './run-process.js';

export interface CliExecutorOptions {
  /** The environment allow-listed names are read from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** What a relative `runtime.cwd` is resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Bytes kept per stream (stdout, stderr); default 1 MiB. */
  maxOutputBytes?: number;
  /** Between SIGTERM and SIGKILL on timeout or cancel; default 2000 ms. */
  killGraceMs?: number;
  now?: Now;
}

export const DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024;
const SECRETS_HINT = 'secrets are not put on a command line (other users can read it); list the name in runtime.env to pass it as an environment variable';
const STDERR_IN_MESSAGE = 2000;

/**
 * Runs `cli` nodes: argv arrays (or strings split without a shell), `${...}` filling single
 * arguments, a minimal environment, timeout and cancel that kill the process group, capped
 * output. Exit code n → failed `EXIT_n` (retryable only if listed in `runtime.retry_on_exit`).
 */
export function createCliExecutor(options: CliExecutorOptions = {}): StepExecutor {
  const env = options.env ?? process.env;
  const baseCwd = options.cwd ?? process.cwd();
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const killGraceMs = options.killGraceMs ?? 2000;
  return {
    handles: ['cli'],
    execute: (request) => runRedacted(request, attempt),
  };

  async function attempt(request: StepRequest, redactor: StepRedactor): Promise<StepResult> {
    const read = readCliRuntime(request.node.runtime);
    if (!read.ok) return stepFailed('INVALID_RUNTIME', `${request.node.id}: ${read.message}`, false);
    const runtime = read.runtime;
    const unsafe = findScriptPlaceholderProblem(runtime);
    if (unsafe !== undefined) return stepFailed('PLACEHOLDER_IN_SHELL_SCRIPT', `${request.node.id}: ${unsafe}`, false);
    // Every value handed to the child through runtime.env is a secret, whatever its name.
    const childEnv = buildChildEnvironment(env, runtime.env, request.secrets);
    redactor.add(runtime.env.map((name) => childEnv[name]));
    const context = createTemplateContext(request, { env, allowEnv: runtime.env, secretsHint: SECRETS_HINT });
    const built = buildCliArgv(runtime.command, runtime.shell, context);
    if (!built.ok) return stepFailed('TEMPLATE_ERROR', `${request.node.id}: ${request.secrets.redact(built.message)}`, false);
    let cwd = baseCwd;
    if (runtime.cwd !== undefined) {
      const filled = interpolateString(runtime.cwd, context);
      if (!filled.ok) return stepFailed('TEMPLATE_ERROR', `${request.node.id}: runtime.cwd: ${filled.message}`, false);
      cwd = resolve(baseCwd, filled.value);
    }
    if (!(await isDirectory(cwd))) return stepFailed('CWD_NOT_FOUND', `${request.node.id}: working directory ${cwd} does not exist`, false);
    let stdin: string | undefined;
    if (runtime.stdin !== undefined) {
      const filled = interpolateString(runtime.stdin, context);
      if (!filled.ok) return stepFailed('TEMPLATE_ERROR', `${request.node.id}: runtime.stdin: ${filled.message}`, false);
      stdin = filled.value;
    }

    const recordedArgv = built.argv.map((word) => request.secrets.redact(word));
    const call = startToolCall('cli', { argv: recordedArgv, cwd }, options.now);
    const deadline = createStepDeadline(request);
    const outcome = await runProcess({
      argv: built.argv,
      cwd,
      env: request.processEnv === undefined ? childEnv : { ...childEnv, ...request.processEnv },
      ...(stdin === undefined ? {} : { stdin }),
      maxOutputBytes,
      killGraceMs,
      signal: deadline.signal,
      ...(request.onProcessStarted === undefined ? {} : { onSpawn: request.onProcessStarted }),
    }).finally(() => deadline.dispose());

    switch (outcome.type) {
      case 'spawn-error': {
        const code = outcome.code === 'ENOENT' ? 'COMMAND_NOT_FOUND' : 'SPAWN_ERROR';
        const message = outcome.code === 'ENOENT' ? `program not found: ${recordedArgv[0]}` : request.secrets.redact(outcome.message);
        return stepFailed(code, `${request.node.id}: ${message}`, false, [call.finish('FAILED', { error: code })]);
      }
      case 'aborted': {
        const reason = deadline.reason();
        const failure = abortMessage(reason, `${request.node.id}: ${recordedArgv[0]}`);
        return stepFailed(failure.code, failure.message, failure.retryable, [call.finish(reason === 'TIMEOUT' ? 'TIMEOUT' : 'FAILED', { error: failure.code })]);
      }
      case 'exited': {
        const stdoutText = request.secrets.redact(outcome.stdout.text);
        const stderrText = request.secrets.redact(outcome.stderr.text);
        if (outcome.exitCode !== 0) {
          const code = outcome.exitCode === null ? `SIGNAL_${outcome.signal ?? 'UNKNOWN'}` : `EXIT_${outcome.exitCode}`;
          const retryable = outcome.exitCode !== null && runtime.retryOnExit.includes(outcome.exitCode);
          const tail = stderrText.trim().slice(-STDERR_IN_MESSAGE);
          const message = `${request.node.id}: ${recordedArgv[0]} ${outcome.exitCode === null ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode}`}${tail === '' ? '' : `: ${tail}`}`;
          return stepFailed(code, message, retryable, [call.finish('FAILED', { exit_code: outcome.exitCode, signal: outcome.signal })]);
        }
        const toolCalls = [call.finish('COMPLETED', { exit_code: 0 })];
        if (runtime.output === 'json') {
          if (outcome.stdout.truncated) return stepFailed('INVALID_OUTPUT', `${request.node.id}: stdout exceeds ${maxOutputBytes} bytes; cannot parse it as JSON`, false, toolCalls);
          const parsed = parseJsonOutput(outcome.stdout.text);
          if (!parsed.ok) return stepFailed('INVALID_OUTPUT', `${request.node.id}: stdout is not JSON (${parsed.message})`, false, toolCalls);
          const output = redactValue(parsed.value, request.secrets);
          return { status: 'completed', output: isRecord(output) ? output : { value: output }, toolCalls };
        }
        return {
          status: 'completed',
          output: {
            stdout: withMark(stdoutText, outcome.stdout, maxOutputBytes),
            stderr: withMark(stderrText, outcome.stderr, maxOutputBytes),
            exit_code: 0,
            ...(outcome.stdout.truncated ? { stdout_truncated: true } : {}),
            ...(outcome.stderr.truncated ? { stderr_truncated: true } : {}),
          },
          toolCalls,
        };
      }
      default:
        return assertNever(outcome);
    }
  }
}

function withMark(text: string, stream: CapturedStream, kept: number): string {
  return stream.truncated ? `${text}\n[truncated: ${stream.bytes} bytes written, first ${kept} kept]` : text;
}

function parseJsonOutput(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected process outcome ${JSON.stringify(value)}`);
}
