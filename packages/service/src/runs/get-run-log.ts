import type { ExecutionLog, NodeRecord } from '@sopflow/format';
import type { RunEvent, RunState, WorkflowSource } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';

/**
 * The run as an `.osoplog` execution record (YAML or JSON text). Decisions entered for another
 * person carry `entered_by`; a step whose agent proposal awaits review carries `proposal`. Reads only.
 */
export async function getRunLog(ctx: ServiceContext, runId: string, format: 'yaml' | 'json' = 'yaml'): Promise<string> {
  const engine = requireEngine(ctx);
  const run = await serviceCall(() => engine.getRun(runId));
  const { stringifyExecutionLog } = await import('@sopflow/format');
  return stringifyExecutionLog(await buildRunLog(run), format);
}

/** The run's `.osoplog` object: the engine's projection plus the workflow version it is pinned to, `entered_by` and open proposals. */
export async function buildRunLog(run: { state: RunState; events: RunEvent[]; source: WorkflowSource }): Promise<ExecutionLog> {
  const { toExecutionLog } = await import('@sopflow/engine');
  const log = toExecutionLog(run.state, run.events, run.source.workflow);
  if (run.source.workflow.version !== undefined && log.workflow_version === undefined) log.workflow_version = run.source.workflow.version;
  markEnteredBy(log, run.events);
  markProposals(log, run.state);
  return log;
}

function markEnteredBy(log: ExecutionLog, events: readonly RunEvent[]): void {
  const enteredBy = new Map<string, string>();
  for (const e of events) {
    const by = e.type === 'TaskCompleted' ? (e as { enteredBy?: string }).enteredBy : undefined;
    if (e.type === 'TaskCompleted' && by !== undefined) enteredBy.set(e.taskId, by);
  }
  if (enteredBy.size === 0) return;
  for (const record of log.node_records ?? []) {
    const decisions = record.human_decisions as Record<string, unknown>[] | undefined;
    for (const d of decisions ?? []) {
      const by = enteredBy.get(String(d.task_id));
      if (by !== undefined) d.entered_by = by;
    }
  }
}

function markProposals(log: ExecutionLog, state: RunState): void {
  for (const task of Object.values(state.tasks)) {
    if (task.status !== 'open') continue;
    const output = task.proposal ?? state.steps[task.nodeId]?.proposal?.output;
    if (output === undefined) continue;
    const confidence = task.proposalMeta?.confidence ?? state.steps[task.nodeId]?.proposal?.confidence;
    const record = [...(log.node_records ?? [])].reverse().find((r: NodeRecord) => r.node_id === task.nodeId);
    if (record !== undefined) record.proposal = { task_id: task.taskId, outputs: output, ...(confidence === undefined ? {} : { confidence }) };
  }
}
