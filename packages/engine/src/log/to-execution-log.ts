import type { AuditLevel, ExecutionLog, NodeRecord, NodeRecordStatus, RunStatus, Workflow } from '@sopflow/format';
import type { RunEvent } from '../events/run-event.js';
import type { RunState } from '../state/run-state.js';

/**
 * A node record's `child_runs` entry (a sopflow key; OSOP's node records are open): the child's run id,
 * its end as the parent recorded it (absent while none is), and `started: false` (with the `reason` when one was recorded) for a child that never ran.
 */
export interface ChildRunRecord {
  run_id: string;
  status?: 'COMPLETED' | 'FAILED' | 'CANCELLED';
  started?: false;
  /** Why a child was never started, when its step was not cancelled (`cannot find workflow child.osop`). */
  reason?: string;
}

const CHILD_STATUS = { completed: 'COMPLETED', failed: 'FAILED', cancelled: 'CANCELLED' } as const;

/**
 * Pure; the `.osoplog` of a run, projected from its events: one node record per step activation
 * with start, end, duration, status, attempts, inputs/outputs as its audit level allows, tool calls,
 * model and token figures, the person's decision with who made it, and the step's child runs.
 */
export function toExecutionLog(state: RunState, events: readonly RunEvent[], workflow: Workflow): ExecutionLog {
  const records: NodeRecord[] = [];
  const open = new Map<string, NodeRecord>();
  const children = new Map<string, ChildRunRecord>();
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const levelOf = (nodeId: string): AuditLevel => nodes.get(nodeId)?.auditLevel ?? workflow.auditRequirements.find((r) => r.level !== undefined)?.level ?? 'full';
  const recordOf = (nodeId: string, at: string): NodeRecord => {
    let record = open.get(nodeId);
    if (record === undefined) {
      record = { node_id: nodeId, ...(nodes.has(nodeId) ? { node_type: nodes.get(nodeId)!.type } : {}), status: 'PENDING', started_at: at };
      open.set(nodeId, record);
      records.push(record);
    }
    return record;
  };
  const end = (record: NodeRecord, status: NodeRecordStatus, at: string) => {
    record.status = status;
    record.ended_at = at;
    record.duration_ms = Math.max(0, Date.parse(at) - Date.parse(record.started_at ?? at));
    open.delete(record.node_id);
  };
  for (const event of events) {
    switch (event.type) {
      case 'StepScheduled': {
        open.delete(event.nodeId);
        const record = recordOf(event.nodeId, event.at);
        if (levelOf(event.nodeId) === 'full') record.inputs = event.input;
        if (event.item !== undefined) record.spawn_index = event.item.index;
        if (event.compensation === true) record.compensation = true;
        break;
      }
      case 'StepStarted': {
        const record = recordOf(event.nodeId, event.at);
        if (event.shadow === true) break;
        record.status = 'RUNNING';
        record.attempt = event.attempt;
        if (event.recovered === true) record.recovered = true;
        break;
      }
      case 'StepCompleted': {
        const record = recordOf(event.nodeId, event.at);
        if (levelOf(event.nodeId) !== 'none') record.outputs = event.output;
        record.attempt = event.attempt;
        if (event.confidence !== undefined) record.confidence = event.confidence;
        if (event.usage !== undefined) {
          record.ai_metadata = {
            model: event.usage.model, provider: event.usage.provider,
            ...(event.usage.promptTokens === undefined ? {} : { prompt_tokens: event.usage.promptTokens }),
            ...(event.usage.completionTokens === undefined ? {} : { completion_tokens: event.usage.completionTokens }),
          };
        }
        if (event.toolCalls !== undefined) record.tool_calls = toolCalls(event.toolCalls, levelOf(event.nodeId));
        if (event.by !== undefined) record.performed_by = event.by;
        if (event.correctedFrom !== undefined) record.corrected_from = levelOf(event.nodeId) === 'none' ? {} : event.correctedFrom;
        if (event.shadow !== undefined) record.shadow = { ...(levelOf(event.nodeId) === 'none' ? {} : { outputs: event.shadow.output }), agreement: event.shadow.agreement };
        end(record, 'COMPLETED', event.at);
        break;
      }
      case 'StepFailed': {
        const record = recordOf(event.nodeId, event.at);
        record.attempt = event.attempt;
        record.error = { code: event.error.code, message: event.error.message };
        if (event.toolCalls !== undefined) record.tool_calls = toolCalls(event.toolCalls, levelOf(event.nodeId));
        end(record, event.error.code === 'TIMEOUT' ? 'TIMEOUT' : 'FAILED', event.at);
        break;
      }
      case 'StepSkipped': {
        const record = recordOf(event.nodeId, event.at);
        record.reason = event.reason;
        end(record, event.reason === 'branch_not_taken' ? 'SKIPPED' : 'CANCELLED', event.at);
        break;
      }
      case 'TaskCompleted': {
        const record = recordOf(event.nodeId, event.at);
        const decisions = (record.human_decisions as unknown[] | undefined) ?? [];
        record.human_decisions = [...decisions, { task_id: event.taskId, by: event.by, decision: event.decision, at: event.at, ...(event.reason === undefined ? {} : { reason: event.reason }),
          ...(event.levelVerified === undefined ? {} : { level_verified: event.levelVerified }), ...(event.level === undefined ? {} : { level: event.level }) }];
        break;
      }
      case 'Escalated': {
        const record = recordOf(event.nodeId, event.at);
        record.escalations = [...((record.escalations as unknown[] | undefined) ?? []), { reason: event.reason, message: event.message, at: event.at }];
        break;
      }
      case 'ChildRunStarted': {
        const record = recordOf(event.nodeId, event.at);
        const child: ChildRunRecord = { run_id: event.childRunId };
        children.set(event.childRunId, child);
        record.child_runs = [...((record.child_runs as ChildRunRecord[] | undefined) ?? []), child];
        break;
      }
      case 'ChildRunEnded': {
        const child = children.get(event.childRunId);
        if (child === undefined) break;
        child.status = CHILD_STATUS[event.status];
        if (event.started === false) child.started = false;
        if (event.reason !== undefined) child.reason = event.reason;
        break;
      }
      default:
        break;
    }
  }
  const endedAt = state.endedAt ?? events[events.length - 1]?.at ?? state.startedAt;
  const log: ExecutionLog = {
    osoplog_version: '1.0',
    run_id: state.runId,
    workflow_id: state.workflowId,
    mode: 'live',
    status: runStatus(state),
    trigger: { type: state.parentRunId === undefined ? 'manual' : 'event', timestamp: state.startedAt, ...(state.parentRunId === undefined ? {} : { source: state.parentRunId }) },
    started_at: state.startedAt,
    ended_at: endedAt,
    duration_ms: Math.max(0, Date.parse(endedAt) - Date.parse(state.startedAt)),
    runtime: { agent: 'sopflow', source: `sha256:${state.contentHash}` },
    node_records: records,
    result_summary: summary(state, records),
  };
  return log;
}

function runStatus(state: RunState): RunStatus {
  switch (state.status) {
    case 'completed': return 'COMPLETED';
    case 'failed': return 'FAILED';
    case 'cancelled': return 'CANCELLED';
    case 'waiting': return 'PENDING';
    case 'running': return 'RUNNING';
  }
}

function toolCalls(calls: NonNullable<Extract<RunEvent, { type: 'StepCompleted' }>['toolCalls']>, level: AuditLevel): NodeRecord['tool_calls'] {
  return calls.map((c) => ({
    tool: c.tool, started_at: c.startedAt, ended_at: c.endedAt, duration_ms: Math.max(0, Math.round(c.durationMs)), status: c.status,
    ...(level === 'full' && c.input !== null && typeof c.input === 'object' && !Array.isArray(c.input) ? { input: c.input as Record<string, unknown> } : {}),
    ...(level === 'full' && c.output !== undefined ? { output: typeof c.output === 'string' ? c.output : JSON.stringify(c.output) } : {}),
  }));
}

function summary(state: RunState, records: NodeRecord[]): string {
  const count = (status: string) => records.filter((r) => r.status === status).length;
  const base = `${count('COMPLETED')} steps completed, ${count('FAILED') + count('TIMEOUT')} failed, ${count('SKIPPED') + count('CANCELLED')} skipped`;
  return state.error === undefined ? base : `${base}; ${state.error.code}: ${state.error.message}`;
}
