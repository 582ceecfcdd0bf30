import type { StepFailedResult, ToolCallRecord } from '../ports/step-executor.js';

/** Pure; a failed result with a stable code, a message and whether a retry may help. */
export function stepFailed(code: string, message: string, retryable: boolean, toolCalls?: ToolCallRecord[]): StepFailedResult {
  return {
    status: 'failed',
    error: { code, message, retryable },
    ...(toolCalls === undefined || toolCalls.length === 0 ? {} : { toolCalls }),
  };
}
