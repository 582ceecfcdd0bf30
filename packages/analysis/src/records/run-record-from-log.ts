import type { Diagnostic, DocumentPath, SourceLocation } from '@sopflow/format';
import { normaliseRunStatus, normaliseStepStatus } from './status-words.js';
import type { RunRecord, StepError, StepRecord, ToolCallRecord } from './run-record.js';

export interface ReadRecordResult {
  /** Undefined when the log is not a usable record (see diagnostics). */
  record?: RunRecord;
  diagnostics: Diagnostic[];
}

/** Where the log came from: its file (for diagnostics and `RunRecord.source`) and its positions, when read from text. */
export interface LogOrigin {
  file?: string;
  locate?: (path: DocumentPath) => SourceLocation;
}

type Raw = Record<string, unknown>;

/**
 * Pure; a parsed `.osoplog` document (as `parseExecutionLog` gives it, or an `ExecutionLog` the
 * engine built) as a RunRecord. Tolerates the published quirks: `error` as an object or a string,
 * node_type `event` (and any other word), run statuses RUNNING / CANCELLED / TIMED_OUT, lower-case
 * statuses. Needs only run_id, workflow_id and status; problems are diagnostics, never thrown.
 * @example runRecordFromLog(toExecutionLog(state, events, workflow)).record?.steps.length
 */
export function runRecordFromLog(root: unknown, origin: LogOrigin = {}): ReadRecordResult {
  const { file } = origin;
  const diagnostics: Diagnostic[] = [];
  const at = (code: string, message: string, line = 0, column = 0, severity: Diagnostic['severity'] = 'error'): void => {
    diagnostics.push({ code, severity, message, file, line, column });
  };
  const locate = (path: DocumentPath): SourceLocation => origin.locate?.(path) ?? { line: 0, column: 0 };
  if (!isObject(root)) {
    at('log-not-object', 'an .osoplog must be a mapping with run_id, workflow_id and status', 1, 1);
    return { diagnostics };
  }
  for (const key of ['run_id', 'workflow_id', 'status']) {
    if (typeof root[key] !== 'string' || root[key] === '') {
      at('log-missing-field', `required field "${key}" is missing or not a non-empty string`, 1, 1);
    }
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics };

  const status = normaliseRunStatus(String(root.status));
  if (status === undefined) {
    const pos = locate(['status']);
    at('log-unknown-status', `run status "${String(root.status)}" is not a known status; read as FAILED`, pos.line, pos.column, 'warning');
  }
  const rawSteps = Array.isArray(root.node_records) ? root.node_records : [];
  if (root.node_records !== undefined && !Array.isArray(root.node_records)) {
    const pos = locate(['node_records']);
    at('log-bad-node-records', 'node_records must be a list', pos.line, pos.column);
  }
  const costByNode = readCostBreakdown(root.cost);
  const steps: StepRecord[] = [];
  rawSteps.forEach((raw, index) => {
    const pos = locate(['node_records', index]);
    if (!isObject(raw) || typeof raw.node_id !== 'string' || raw.node_id === '') {
      at('log-bad-node-record', `node_records[${index}] has no node_id; skipped`, pos.line, pos.column);
      return;
    }
    const stepStatus = normaliseStepStatus(raw.status, raw.ended_at !== undefined);
    if (stepStatus === undefined) {
      at('log-unknown-status', `node_records[${index}] status "${String(raw.status)}" is not known; read as FAILED`, pos.line, pos.column, 'warning');
    }
    steps.push(readStep(raw, stepStatus ?? 'FAILED', costByNode));
  });
  const trigger = isObject(root.trigger) ? root.trigger : {};
  const runtime = isObject(root.runtime) ? root.runtime : {};
  const cost = isObject(root.cost) ? root.cost : {};
  const known = new Set(['osoplog_version', 'run_id', 'workflow_id', 'workflow_version', 'status', 'outcome', 'started_at', 'ended_at',
    'duration_ms', 'team', 'inputs', 'node_records', 'cost', 'trigger', 'runtime']);
  const record: RunRecord = {
    runId: String(root.run_id),
    workflowId: String(root.workflow_id),
    workflowVersion: str(root.workflow_version),
    status: status ?? 'FAILED',
    outcome: str(root.outcome) ?? (isObject(root.outcome) ? str(root.outcome.status) : undefined),
    startedAt: timestamp(root.started_at),
    endedAt: timestamp(root.ended_at),
    durationMs: num(root.duration_ms),
    team: str(root.team) ?? str(trigger.team),
    actor: str(trigger.actor),
    inputs: isObject(root.inputs) ? root.inputs : undefined,
    steps,
    costUsd: num(cost.total_usd),
    agent: str(runtime.agent),
    model: str(runtime.model),
    sessionId: str(runtime.session_id),
    source: file,
    extra: Object.fromEntries(Object.entries(root).filter(([k]) => !known.has(k))),
  };
  return { record: dropUndefined(record), diagnostics };
}

function readStep(raw: Raw, status: StepRecord['status'], costByNode: Map<string, number>): StepRecord {
  const nodeId = String(raw.node_id);
  const ai = isObject(raw.ai_metadata) ? raw.ai_metadata : {};
  const known = new Set(['node_id', 'activity', 'name', 'node_type', 'role', 'resource', 'actor', 'performed_by', 'status', 'started_at',
    'ended_at', 'duration_ms', 'attempt', 'error', 'decision', 'approver', 'approved_by', 'ai_metadata', 'cost_usd', 'tool_calls',
    'tools_used', 'inputs', 'outputs', 'phase', 'files', 'confidence']);
  const outputs = isObject(raw.outputs) ? raw.outputs : undefined;
  const step: StepRecord = {
    nodeId,
    activity: str(raw.activity) ?? nodeId,
    name: str(raw.name),
    type: str(raw.node_type),
    role: str(raw.role),
    resource: str(raw.resource) ?? str(raw.performed_by) ?? str(raw.actor),
    status,
    startedAt: timestamp(raw.started_at),
    endedAt: timestamp(raw.ended_at),
    durationMs: num(raw.duration_ms),
    attempt: typeof raw.attempt === 'number' && raw.attempt >= 1 ? Math.floor(raw.attempt) : 1,
    error: readError(raw.error),
    decision: str(raw.decision) ?? lastDecision(raw.human_decisions, 'decision') ?? str(outputs?.decision),
    approver: str(raw.approver) ?? str(raw.approved_by) ?? lastDecision(raw.human_decisions, 'by'),
    model: str(ai.model),
    inputTokens: num(ai.prompt_tokens) ?? num(ai.input_tokens),
    outputTokens: num(ai.completion_tokens) ?? num(ai.output_tokens),
    costUsd: num(raw.cost_usd) ?? costByNode.get(nodeId),
    toolCalls: readToolCalls(raw),
    inputs: isObject(raw.inputs) ? raw.inputs : undefined,
    outputs,
    phase: str(raw.phase),
    files: Array.isArray(raw.files) ? raw.files.filter((f): f is string => typeof f === 'string') : undefined,
    confidence: num(raw.confidence),
    extra: Object.fromEntries(Object.entries(raw).filter(([k]) => !known.has(k))),
  };
  return dropUndefined(step);
}

/** sopflow's engine writes a person's verdicts as `human_decisions: [{task_id, by, decision, at}]`; the last one counts. */
function lastDecision(value: unknown, key: 'decision' | 'by'): string | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const last: unknown = value[value.length - 1];
  return isObject(last) ? str(last[key]) : undefined;
}

function readError(value: unknown): StepError | undefined {
  if (typeof value === 'string') return { message: value };
  if (isObject(value)) {
    const message = str(value.message) ?? str(value.detail) ?? str(value.code) ?? 'error';
    return dropUndefined({ code: str(value.code), message });
  }
  return undefined;
}

function readToolCalls(raw: Raw): ToolCallRecord[] {
  const calls: ToolCallRecord[] = [];
  if (Array.isArray(raw.tool_calls)) {
    for (const c of raw.tool_calls) {
      if (!isObject(c) || typeof c.tool !== 'string') continue;
      const status = c.status === 'COMPLETED' || c.status === 'FAILED' || c.status === 'TIMEOUT' ? c.status : undefined;
      calls.push(dropUndefined({
        tool: c.tool, status, startedAt: timestamp(c.started_at), endedAt: timestamp(c.ended_at), durationMs: num(c.duration_ms),
        input: isObject(c.input) ? c.input : undefined, output: str(c.output),
        isError: typeof c.is_error === 'boolean' ? c.is_error : undefined,
      }));
    }
  }
  if (Array.isArray(raw.tools_used)) {
    for (const t of raw.tools_used) {
      if (!isObject(t) || typeof t.tool !== 'string') continue;
      calls.push({ tool: t.tool, input: { calls: num(t.calls) ?? 1, ...(Array.isArray(t.details) ? { details: t.details } : {}) } });
    }
  }
  return calls;
}

function readCostBreakdown(cost: unknown): Map<string, number> {
  const byNode = new Map<string, number>();
  if (!isObject(cost) || !Array.isArray(cost.breakdown)) return byNode;
  for (const item of cost.breakdown) {
    if (isObject(item) && typeof item.node_id === 'string' && typeof item.cost_usd === 'number') {
      byNode.set(item.node_id, (byNode.get(item.node_id) ?? 0) + item.cost_usd);
    }
  }
  return byNode;
}

function isObject(value: unknown): value is Raw {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
/** YAML 1.1 loaders turn unquoted timestamps into dates (OSOP-NOTES §7.14); accept both. */
function timestamp(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  return str(value);
}
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
