/**
 * Every refusal a service function gives: a stable code, a message a person can act on, and
 * details for programs. Adapters map the code with one table: `exitCodeOf` (CLI) and
 * `httpStatusOf` (server, MCP over HTTP). Nothing stored changes when one is thrown.
 */
export class ServiceError extends Error {
  constructor(readonly code: ServiceErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'ServiceError';
  }
}

export type ServiceErrorCode =
  /** The request itself is malformed: a bad option value, a missing argument, a file that is not there. */
  | 'invalid_request'
  /** Something named does not exist (run, task, user, database file). */
  | 'not_found' | 'unknown_run' | 'unknown_task'
  /** The caller is not a user of the directory. */
  | 'unauthenticated'
  /** The caller is known but may not do this (role, admin). */
  | 'not_authorised'
  /** The caller holds the role but below the step's auth_level. */
  | 'auth_level_too_low'
  /** Well formed but cannot apply now: task closed, run finished, no step waits for the signal, a concurrent change. */
  | 'task_closed' | 'run_finished' | 'no_waiter' | 'already_started' | 'conflict' | 'bad_decision'
  /** Data given fails its check: a task form, run inputs. */
  | 'invalid_form' | 'invalid_input'
  /** Data that was read is broken (an unreadable record, a corrupt database, a missing pinned workflow). */
  | 'invalid_data' | 'workflow_unavailable'
  /** The database cannot be reached or opened now (PostgreSQL down, a login refused, a file that cannot be opened); trying later may work. */
  | 'unavailable'
  /** Nothing to work on (no runs matched). */
  | 'empty'
  /** Process OS: a run of an SOP that is not active; a run while one is in flight and overlap is off. */
  | 'sop_not_active' | 'run_in_flight'
  /** Delegation: the evidence does not allow the change asked for (what is missing in the message and details). */
  | 'not_enough_evidence'
  /** Process OS: a document (.osop) that does not validate (diagnostics with line and column in details). */
  | 'invalid_document'
  /** Adapters: a body too large, of the wrong media type, or too many attempts (login). */
  | 'too_large' | 'unsupported_media_type' | 'rate_limited';

interface Mapping {
  exit: 1 | 2;
  http: number;
}

/** The one table: code → CLI exit code (1 failed, 2 usage) and HTTP status. */
const TABLE: Readonly<Record<ServiceErrorCode, Mapping>> = {
  invalid_request: { exit: 2, http: 400 },
  not_found: { exit: 1, http: 404 },
  unknown_run: { exit: 1, http: 404 },
  unknown_task: { exit: 1, http: 404 },
  unauthenticated: { exit: 1, http: 401 },
  not_authorised: { exit: 1, http: 403 },
  auth_level_too_low: { exit: 1, http: 403 },
  task_closed: { exit: 1, http: 409 },
  run_finished: { exit: 1, http: 409 },
  no_waiter: { exit: 1, http: 409 },
  already_started: { exit: 1, http: 409 },
  conflict: { exit: 1, http: 409 },
  bad_decision: { exit: 1, http: 409 },
  invalid_form: { exit: 1, http: 422 },
  invalid_input: { exit: 1, http: 422 },
  invalid_data: { exit: 1, http: 500 },
  workflow_unavailable: { exit: 1, http: 500 },
  unavailable: { exit: 1, http: 503 },
  empty: { exit: 2, http: 404 },
  sop_not_active: { exit: 1, http: 409 },
  run_in_flight: { exit: 1, http: 409 },
  not_enough_evidence: { exit: 1, http: 409 },
  invalid_document: { exit: 1, http: 422 },
  too_large: { exit: 2, http: 413 },
  unsupported_media_type: { exit: 2, http: 415 },
  rate_limited: { exit: 1, http: 429 },
};

/** Every code the table knows (for adapters that document their errors). */
export const SERVICE_ERROR_CODES = Object.keys(TABLE) as ServiceErrorCode[];

/** The CLI exit code for a service error code. */
export function exitCodeOf(code: ServiceErrorCode): 1 | 2 {
  return TABLE[code].exit;
}

/** The HTTP status for a service error code. */
export function httpStatusOf(code: ServiceErrorCode): number {
  return TABLE[code].http;
}

/** True for a ServiceError (also across bundle copies of this module). */
export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof ServiceError || (error instanceof Error && error.name === 'ServiceError' && typeof (error as { code?: unknown }).code === 'string');
}
