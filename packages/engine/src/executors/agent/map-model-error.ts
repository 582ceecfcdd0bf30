import type { StepError } from '../../ports/step-executor.js';
import { abortMessage, type StepDeadline } from '../step-deadline.js';

/** How one SDK's errors are told apart (each SDK has its own classes). */
export interface ModelErrorKinds {
  isTimeout(error: unknown): boolean;
  isConnection(error: unknown): boolean;
}

/**
 * Pure; a model call's exception as a step error: the step's deadline first (TIMEOUT or
 * CANCELLED), then HTTP status (5xx, 408, 409, 429 retryable; other 4xx terminal), then
 * connection problems (NETWORK, retryable). Messages go through `redact`.
 */
export function mapModelError(error: unknown, deadline: StepDeadline, what: string, kinds: ModelErrorKinds, redact: (text: string) => string): StepError {
  if (deadline.signal.aborted) return abortMessage(deadline.reason(), what);
  const message = redact(error instanceof Error ? error.message : String(error));
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number') {
    const retryable = status >= 500 || status === 408 || status === 409 || status === 429;
    return { code: `HTTP_${status}`, message: `${what}: ${message}`, retryable };
  }
  if (kinds.isTimeout(error)) return { code: 'TIMEOUT', message: `${what}: ${message}`, retryable: true };
  if (kinds.isConnection(error)) return { code: 'NETWORK', message: `${what}: ${message}`, retryable: true };
  return { code: 'MODEL_ERROR', message: `${what}: ${message}`, retryable: false };
}
