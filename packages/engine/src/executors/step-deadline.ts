import type { StepRequest } from '../ports/step-executor.js';

/**
 * One attempt's abort signal, as the engine gave it: `request.signal` aborts at the attempt's
 * deadline (decided by the engine: `executeStep.deadlineAt`, from the node's `timeout_sec`) or when
 * the run is cancelled. Executors never read `timeout_sec` themselves.
 */
export interface StepDeadline {
  signal: AbortSignal;
  /**
   * Why the signal fired: TIMEOUT (a reason that is a `TimeoutError`, as the engine's deadline and
   * `AbortSignal.timeout` give, or `'TIMEOUT'` / `new Error('TIMEOUT')`) or CANCELLED (any other reason).
   */
  reason(): 'TIMEOUT' | 'CANCELLED';
  /** Detaches from the request's signal; call when the attempt is over. */
  dispose(): void;
}

/** Follows `request.signal` with a signal of the executor's own (so it can abort its own work without touching the request). */
export function createStepDeadline(request: StepRequest): StepDeadline {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(request.signal.reason);
  if (request.signal.aborted) onAbort();
  else request.signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    reason() {
      return isTimeoutReason(request.signal.reason) ? 'TIMEOUT' : 'CANCELLED';
    },
    dispose() {
      request.signal.removeEventListener('abort', onAbort);
    },
  };
}

/** The failure an aborted attempt reports: TIMEOUT is retryable, CANCELLED is not. */
export function abortMessage(reason: 'TIMEOUT' | 'CANCELLED', what: string): { code: string; message: string; retryable: boolean } {
  return reason === 'TIMEOUT'
    ? { code: 'TIMEOUT', message: `${what} timed out`, retryable: true }
    : { code: 'CANCELLED', message: `${what} was cancelled`, retryable: false };
}

/** Pure; whether an abort reason means "the time ran out". */
export function isTimeoutReason(reason: unknown): boolean {
  if (reason === 'TIMEOUT') return true;
  return reason instanceof Error && (reason.name === 'TimeoutError' || reason.message === 'TIMEOUT');
}
