import type { StepRequest } from '../ports/step-executor.js';

/** One attempt's abort signal: the request's signal and the node's `timeoutSec`, whichever first. */
export interface StepDeadline {
  signal: AbortSignal;
  /**
   * Why the signal fired: TIMEOUT (the node's timeout, or a request signal aborted with a
   * `TimeoutError`, as `AbortSignal.timeout` does, or with the reason `'TIMEOUT'` /
   * `new Error('TIMEOUT')`) or CANCELLED (any other reason).
   */
  reason(): 'TIMEOUT' | 'CANCELLED';
  /** Clears the timer; call when the attempt is over. */
  dispose(): void;
}

/** Combines `request.signal` with a timer of `node.timeoutSec` seconds (none when unset). */
export function createStepDeadline(request: StepRequest): StepDeadline {
  const controller = new AbortController();
  let timedOut = false;
  const timeoutSec = request.node.timeoutSec;
  const timer = timeoutSec !== undefined && timeoutSec > 0
    ? setTimeout(() => {
        timedOut = true;
        controller.abort(new DOMException(`step timed out after ${timeoutSec} s`, 'TimeoutError'));
      }, Math.ceil(timeoutSec * 1000))
    : undefined;
  const onAbort = (): void => controller.abort(request.signal.reason);
  if (request.signal.aborted) onAbort();
  else request.signal.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    reason() {
      if (timedOut) return 'TIMEOUT';
      return isTimeoutReason(request.signal.reason) ? 'TIMEOUT' : 'CANCELLED';
    },
    dispose() {
      if (timer !== undefined) clearTimeout(timer);
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
