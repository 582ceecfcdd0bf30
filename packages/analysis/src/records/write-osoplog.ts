import { FULL_NODE_TYPES, stringifyExecutionLog } from '@sopflow/format';
import type { ExecutionLog } from '@sopflow/format';
import type { RunRecord, StepRecord } from './run-record.js';
import { stepDurationMs, toEpochMs } from './run-record.js';

/** The plain object form of an `.osoplog` (schema keys plus sopflow's extension keys). */
export type ExecutionLogObject = ExecutionLog;

const STRICT_RUN_STATUSES = new Set(['COMPLETED', 'FAILED', 'TIMEOUT', 'COST_LIMIT', 'BLOCKED', 'DRY_RUN']);
const STRICT_STEP_STATUSES = new Set(['COMPLETED', 'FAILED', 'SKIPPED', 'DRY_RUN', 'TIMEOUT', 'ERROR', 'BLOCKED', 'RUNNING']);

/**
 * Pure; a RunRecord as an `.osoplog` object valid under OSOP's log schema: `error` is written as
 * a string (its code in `error_code`), node types outside OSOP's 12 go to `recorded_type`, and
 * statuses outside the schema's enums are mapped (RUNNING/PENDING run → BLOCKED, CANCELLED → FAILED)
 * with the original kept in `recorded_status`. sopflow's extension keys (outcome, role, decision, ...)
 * are open-object extras the schema allows.
 */
export function recordToOsoplog(record: RunRecord): ExecutionLogObject {
  const started = record.startedAt ?? record.steps.find((s) => s.startedAt)?.startedAt ?? new Date(0).toISOString();
  const ended = record.endedAt ?? lastEnd(record) ?? started;
  const duration = record.durationMs ?? Math.max(0, (toEpochMs(ended) ?? 0) - (toEpochMs(started) ?? 0));
  const status = STRICT_RUN_STATUSES.has(record.status) ? record.status : record.status === 'CANCELLED' ? 'FAILED' : 'BLOCKED';
  const breakdown = record.steps.filter((s) => s.costUsd !== undefined).map((s) => ({ node_id: s.nodeId, cost_usd: s.costUsd }));
  return withExtra(clean({
    osoplog_version: '1.0',
    run_id: record.runId,
    workflow_id: record.workflowId,
    workflow_version: record.workflowVersion,
    status,
    recorded_status: status === record.status ? undefined : record.status,
    outcome: record.outcome,
    team: record.team,
    trigger: record.actor === undefined ? record.extra.trigger : { ...asObject(record.extra.trigger), actor: record.actor },
    started_at: started,
    ended_at: ended,
    duration_ms: Math.round(duration),
    runtime: record.agent ?? record.model ?? record.sessionId
      ? clean({ agent: record.agent, model: record.model, session_id: record.sessionId })
      : undefined,
    inputs: record.inputs,
    node_records: record.steps.map(stepToNodeRecord),
    cost: record.costUsd !== undefined || breakdown.length > 0
      ? clean({ total_usd: record.costUsd ?? breakdown.reduce((sum, b) => sum + (b.cost_usd ?? 0), 0), breakdown })
      : undefined,
  }), record.extra) as ExecutionLog;
}

function stepToNodeRecord(step: StepRecord): Record<string, unknown> {
  const strictType = step.type !== undefined && (FULL_NODE_TYPES as readonly string[]).includes(step.type);
  const strictStatus = STRICT_STEP_STATUSES.has(step.status);
  const duration = stepDurationMs(step);
  return withExtra(clean({
    node_id: step.nodeId,
    activity: step.activity === step.nodeId ? undefined : step.activity,
    name: step.name,
    node_type: strictType ? step.type : undefined,
    recorded_type: strictType ? undefined : step.type,
    role: step.role,
    resource: step.resource,
    attempt: step.attempt,
    status: strictStatus ? step.status : step.status === 'CANCELLED' ? 'FAILED' : 'BLOCKED',
    recorded_status: strictStatus ? undefined : step.status,
    started_at: step.startedAt,
    ended_at: step.endedAt,
    duration_ms: duration === undefined ? undefined : Math.round(duration),
    phase: step.phase,
    files: step.files,
    decision: step.decision,
    approver: step.approver,
    confidence: step.confidence,
    inputs: step.inputs,
    outputs: step.outputs,
    ai_metadata: step.model ?? step.inputTokens ?? step.outputTokens
      ? clean({ model: step.model, prompt_tokens: step.inputTokens, completion_tokens: step.outputTokens })
      : undefined,
    cost_usd: step.costUsd,
    tool_calls: step.toolCalls.length === 0 ? undefined : step.toolCalls.map((c) => clean({
      tool: c.tool, started_at: c.startedAt, ended_at: c.endedAt,
      duration_ms: c.durationMs === undefined ? undefined : Math.round(c.durationMs),
      status: c.status, input: c.input, output: c.output, is_error: c.isError,
    })),
    error: step.error?.message,
    error_code: step.error?.code,
  }), step.extra);
}

/** Pure; the `.osoplog` text of a record, as YAML (default; timestamps quoted) or JSON. */
export function serialiseOsoplog(record: RunRecord, format: 'yaml' | 'json' = 'yaml'): string {
  return stringifyExecutionLog(recordToOsoplog(record), format);
}


function lastEnd(record: RunRecord): string | undefined {
  let best: string | undefined;
  for (const s of record.steps) {
    if (s.endedAt !== undefined && (best === undefined || (toEpochMs(s.endedAt) ?? 0) > (toEpochMs(best) ?? 0))) best = s.endedAt;
  }
  return best;
}

/** Keys the model does not interpret go after the schema's keys and never replace one. */
function withExtra(core: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const out = { ...core };
  for (const [key, value] of Object.entries(extra)) if (!(key in out) && value !== undefined) out[key] = value;
  return out;
}

function asObject(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function clean(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}
