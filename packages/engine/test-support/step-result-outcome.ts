import assert from 'node:assert/strict';
import type { StepResult } from '../src/ports/step-executor.js';

/** Asserts the executor completed and returns its output (the whole result is in the failure message). */
export function completed(result: StepResult): Record<string, unknown> {
  assert.equal(result.status, 'completed', JSON.stringify(result));
  return result.status === 'completed' ? result.output : {};
}

/** Asserts the executor failed and returns its error (the whole result is in the failure message). */
export function failure(result: StepResult) {
  assert.equal(result.status, 'failed', JSON.stringify(result));
  return result.status === 'failed' ? result.error : { code: '', message: '', retryable: false };
}
