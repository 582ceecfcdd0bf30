/** The CLI's exit codes: a contract scripts rely on. */
export const ExitCode = {
  ok: 0,
  /** The operation failed: a run failed, a check found a problem, a file is invalid. */
  failed: 1,
  /** Usage error: unknown option, missing argument, missing file. */
  usage: 2,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** What a CliError names besides its message: a stable code for `--json` callers and the file concerned. */
export interface CliErrorDetail {
  code?: string;
  file?: string;
}

/** Thrown by commands to stop with a message and an exit code; caught once in `runCli`. */
export class CliError extends Error {
  /** A stable code (`--json` prints it): the given one, else `usage` (exit 2) or `failed` (exit 1). */
  readonly code: string;
  readonly file: string | undefined;

  constructor(message: string, readonly exitCode: ExitCode = ExitCode.usage, detail: CliErrorDetail = {}) {
    super(message);
    this.code = detail.code ?? (exitCode === ExitCode.failed ? 'failed' : 'usage');
    this.file = detail.file;
  }
}
