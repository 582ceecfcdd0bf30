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
  /** True when the code is a service refusal's: the stderr line then ends with it, `message (code)`. */
  refusal?: boolean;
}

/** Thrown by commands to stop with a message and an exit code; caught once in `runCli`. */
export class CliError extends Error {
  /** A stable code (`--json` prints it): the given one, else `usage` (exit 2) or `failed` (exit 1). */
  readonly code: string;
  readonly file: string | undefined;
  readonly refusal: boolean;

  constructor(message: string, readonly exitCode: ExitCode = ExitCode.usage, detail: CliErrorDetail = {}) {
    super(message);
    this.code = detail.code ?? (exitCode === ExitCode.failed ? 'failed' : 'usage');
    this.file = detail.file;
    this.refusal = detail.refusal === true;
  }
}

/** A service refusal (any error `asServiceError` recognises) as a CliError with its message, its code and the service table's exit code; else undefined. */
export async function refusalAsCliError(error: unknown): Promise<CliError | undefined> {
  const { asServiceError, exitCodeOf } = await import('@sopflow/service');
  const refusal = asServiceError(error);
  return refusal === undefined ? undefined : new CliError(refusal.message, exitCodeOf(refusal.code), { code: refusal.code, refusal: true });
}
