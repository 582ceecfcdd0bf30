import { basename } from 'node:path';
import { buildChildEnvironment } from '../cli/child-environment.js';
import { runProcess } from '../cli/run-process.js';
import type { StepRedactor } from '../secrets/create-step-redactor.js';
import { abortMessage, type StepDeadline } from '../step-deadline.js';
import type { AgentTask, ProviderReply } from './agent-task.js';

/** A command-line agent: gets the prompt on stdin, prints `{ "output", "confidence" }` JSON on stdout. */
export interface CommandProviderConfig {
  /** Program and arguments; never run through a shell. */
  argv: string[];
  /** Environment names passed on (besides PATH, HOME, LANG), e.g. the agent's API key. */
  env?: string[];
  cwd?: string;
  /** Recorded as the model name; default the program's file name. */
  model?: string;
}

export interface CommandProviderContext {
  env: Record<string, string | undefined>;
  /** The attempt's redactor: values passed on through `env` are marked as secrets. */
  redactor: StepRedactor;
  maxOutputBytes: number;
  killGraceMs: number;
}

/** Runs the agent command once with the system and step prompts on stdin. */
export async function callCommandAgent(config: CommandProviderConfig, task: AgentTask, deadline: StepDeadline, context: CommandProviderContext): Promise<ProviderReply> {
  const model = config.model ?? basename(config.argv[0] ?? 'agent');
  const names = config.env ?? [];
  const env = buildChildEnvironment(context.env, names, context.redactor.secrets);
  context.redactor.add(names.map((name) => env[name]));
  const outcome = await runProcess({
    argv: config.argv,
    cwd: config.cwd ?? process.cwd(),
    env,
    stdin: `${task.system}\n\n${task.prompt}\n`,
    maxOutputBytes: context.maxOutputBytes,
    killGraceMs: context.killGraceMs,
    signal: deadline.signal,
  });
  switch (outcome.type) {
    case 'spawn-error':
      return { ok: false, error: { code: outcome.code === 'ENOENT' ? 'COMMAND_NOT_FOUND' : 'SPAWN_ERROR', message: `agent command ${config.argv[0]}: ${context.redactor.text(outcome.message)}`, retryable: false } };
    case 'aborted':
      return { ok: false, error: abortMessage(deadline.reason(), `agent command ${model}`) };
    case 'exited': {
      if (outcome.exitCode !== 0) {
        const code = outcome.exitCode === null ? `SIGNAL_${outcome.signal ?? 'UNKNOWN'}` : `EXIT_${outcome.exitCode}`;
        const tail = context.redactor.text(outcome.stderr.text.trim().slice(-1000));
        return { ok: false, error: { code, message: `agent command ${model} failed (${code})${tail === '' ? '' : `: ${tail}`}`, retryable: false } };
      }
      if (outcome.stdout.truncated) return { ok: false, error: { code: 'INVALID_OUTPUT', message: `agent command ${model} wrote more than ${context.maxOutputBytes} bytes`, retryable: false } };
      return { ok: true, text: outcome.stdout.text, model, format: 'stdout' };
    }
    default: {
      const never: never = outcome;
      throw new Error(`unexpected outcome ${JSON.stringify(never)}`);
    }
  }
}
