/** Why an event log could not be read; thrown only at the IO edge (readers), never by the pure core. */
export type LogReadErrorCode =
  | 'XES_MALFORMED'
  | 'CSV_MALFORMED'
  | 'CSV_MISSING_COLUMN'
  | 'BAD_TIMESTAMP'
  | 'BAD_TIME_ZONE'
  | 'EMPTY_LOG'
  | 'PNML_MALFORMED';

/** An input log or model that cannot be read, with a code and (where known) the line, column or row. */
export class LogReadError extends Error {
  readonly code: LogReadErrorCode;
  readonly line?: number;
  readonly column?: number;
  readonly row?: number;

  constructor(code: LogReadErrorCode, message: string, where: { line?: number; column?: number; row?: number } = {}) {
    super(message);
    this.name = 'LogReadError';
    this.code = code;
    this.line = where.line;
    this.column = where.column;
    this.row = where.row;
  }
}

/** True when `err` is a LogReadError (works across module copies). */
export function isLogReadError(err: unknown): err is LogReadError {
  return err instanceof Error && err.name === 'LogReadError' && typeof (err as LogReadError).code === 'string';
}
