/** A request the engine refuses: the caller gets a stable code and a clear message; nothing was changed. */
export class EngineError extends Error {
  constructor(readonly code: EngineErrorCode, message: string, readonly details?: unknown) {
    super(message);
    this.name = 'EngineError';
  }
}

export type EngineErrorCode =
  | 'unknown_run' | 'unknown_task' | 'task_closed' | 'run_finished' | 'already_started' | 'invalid_form' | 'invalid_input'
  | 'bad_decision' | 'workflow_unavailable' | 'conflict' | 'auth_level_too_low'
  /** Another live worker holds the run's lease (resume refused; the message names it). */
  | 'run_held' | 'not_authorised' | 'no_waiter'
  /** This engine lost the run's lease while holding it (fenced, or not renewed in time): it stopped acting on the run. */
  | 'run_lost'
  /** A take-over could not cancel child runs no step waits for any more (the run stays runnable; a later take-over asks again). */
  | 'children_not_cancelled';
