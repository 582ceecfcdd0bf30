import type { Runtime } from '@sopflow/format';

/** A cli node's runtime fields, checked. */
export interface CliRuntime {
  command: string | string[];
  shell: boolean;
  cwd?: string;
  /** Environment names the child may see (besides PATH, HOME, LANG). */
  env: string[];
  output: 'text' | 'json';
  /** Exit codes after which another attempt may succeed. */
  retryOnExit: number[];
  /** Text written to the child's standard input (interpolated). */
  stdin?: string;
}

export type ReadCliRuntime = { ok: true; runtime: CliRuntime } | { ok: false; message: string };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Pure; checks the runtime fields a cli node uses and says which one is wrong. */
export function readCliRuntime(runtime: Runtime | undefined): ReadCliRuntime {
  const command = runtime?.command;
  if (typeof command === 'string') {
    if (command.trim() === '') return { ok: false, message: 'runtime.command is empty' };
  } else if (Array.isArray(command)) {
    if (command.length === 0 || !command.every((word) => typeof word === 'string')) {
      return { ok: false, message: 'runtime.command must be a non-empty array of strings' };
    }
  } else {
    return { ok: false, message: 'runtime.command is required (an argv array or a string)' };
  }
  const shell = runtime?.shell === true;
  if (shell && typeof command !== 'string') return { ok: false, message: 'runtime.shell: true needs runtime.command as one string' };
  const env = runtime?.env ?? [];
  if (!Array.isArray(env) || !env.every((name) => typeof name === 'string' && ENV_NAME.test(name))) {
    return { ok: false, message: 'runtime.env must be a list of environment variable names' };
  }
  const output = runtime?.output ?? 'text';
  if (output !== 'text' && output !== 'json') return { ok: false, message: `runtime.output must be text or json, not ${String(output)}` };
  const retryOnExit = runtime?.retry_on_exit ?? [];
  if (!Array.isArray(retryOnExit) || !retryOnExit.every((code) => Number.isInteger(code))) {
    return { ok: false, message: 'runtime.retry_on_exit must be a list of exit codes' };
  }
  const cwd = runtime?.cwd;
  if (cwd !== undefined && typeof cwd !== 'string') return { ok: false, message: 'runtime.cwd must be a string' };
  const stdin = runtime?.stdin;
  if (stdin !== undefined && typeof stdin !== 'string') return { ok: false, message: 'runtime.stdin must be a string' };
  return {
    ok: true,
    runtime: {
      command, shell, env, output, retryOnExit: retryOnExit as number[],
      ...(cwd === undefined ? {} : { cwd }),
      ...(stdin === undefined ? {} : { stdin }),
    },
  };
}
