import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The real `sopflow` binary (tests run it after `npm run build`, as a user would). */
export const SOPFLOW_BIN = fileURLToPath(new URL('../../bin/sopflow.js', import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const EXAMPLES = fileURLToPath(new URL('../../../../examples/', import.meta.url));

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a child process with no TTY; `input` is piped to stdin. */
export function runSopflow(args: readonly string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliRun {
  const result = spawnSync(process.execPath, [SOPFLOW_BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Asserts nothing like a Node stack trace leaked to the user. */
export function hasStackTrace(text: string): boolean {
  return /\n\s+at .+\(.+:\d+:\d+\)/.test(text) || /^\s+at (?:async )?\S+ \(node:/m.test(text);
}
