/** The CLI's exit codes: a contract scripts rely on. */
export const ExitCode = {
  ok: 0,
  /** The operation failed: a run failed, a check found a problem, a file is invalid. */
  failed: 1,
  /** Usage error: unknown option, missing argument, missing file. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Thrown by commands to stop with a message and an exit code; caught once in `runCli`. */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: ExitCode = ExitCode.usage) {
    super(message);
  }
}
