import type { ToolCallRecord } from '../ports/step-executor.js';

/** A clock for tool-call records; injectable so tests need not read the wall clock. */
export type Now = () => Date;

/** Starts timing one tool call; `finish` returns its record. Inputs and outputs must be secret-free. */
export function startToolCall(tool: string, input: unknown, now: Now = () => new Date()) {
  const started = now();
  return {
    finish(status: ToolCallRecord['status'], output?: unknown): ToolCallRecord {
      const ended = now();
      return {
        tool,
        startedAt: started.toISOString(),
        endedAt: ended.toISOString(),
        durationMs: Math.max(0, ended.getTime() - started.getTime()),
        status,
        ...(input === undefined ? {} : { input }),
        ...(output === undefined ? {} : { output }),
      };
    },
  };
}
