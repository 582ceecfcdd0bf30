import type { WorkflowEdge, WorkflowNode } from '@sopflow/format';
import type { LoopItem, TaskOpened } from '../events/run-event.js';
import { after, command, emit, isActive, newId, nodeOf, stepOf, type DecisionContext } from './decision-context.js';
import { completeStep, failStep } from './finish-step.js';
import { needsAuthorisation, performerOf } from './step-policy.js';

const DEFAULT_MAX_DEPTH = 8;

/**
 * Schedules a new activation of a node and starts its pipeline: wait for a signal, or
 * authorisation → performer (person, executor, agent in trial or under supervision, child runs).
 */
export function activateNode(ctx: DecisionContext, nodeId: string, via?: WorkflowEdge, item?: LoopItem, compensation = false): void {
  if (ctx.state.status !== 'running' && ctx.state.status !== 'waiting') return;
  const previous = stepOf(ctx, nodeId);
  if (isActive(previous)) return;
  const node = nodeOf(ctx, nodeId);
  const waitFor = waitNameOf(node, via);
  emit(ctx, {
    type: 'StepScheduled', nodeId, activation: (previous?.activation ?? 0) + 1, input: resolveInput(ctx, node, item),
    ...(item === undefined ? {} : { item }), ...(compensation ? { compensation: true } : {}), ...(waitFor === undefined ? {} : { waitFor }),
  });
  if (waitFor !== undefined) {
    const buffered = ctx.state.bufferedSignals.find((s) => s.name === waitFor);
    if (buffered !== undefined) {
      emit(ctx, { type: 'SignalReceived', name: waitFor, payload: buffered.payload, consumedBy: nodeId });
      completeStep(ctx, nodeId, signalOutput(waitFor, buffered.payload), {});
    } else {
      scheduleStepTimers(ctx, nodeId);
    }
    return;
  }
  if (via?.mode === 'spawn') {
    startChildren(ctx, nodeId, Math.max(1, via.spawnCount ?? 1), undefined);
    return;
  }
  startPipeline(ctx, nodeId);
}

/** Authorisation first (a person of the required level approves), then the work itself. */
export function startPipeline(ctx: DecisionContext, nodeId: string): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  if (needsAuthorisation(node) && !step.authorised) {
    const gate = node.approvalGate;
    openTask(ctx, nodeId, {
      kind: gate?.required === true ? 'approval' : 'auth', phase: 'auth', title: `Authorise "${node.name}"`,
      role: gate?.approverRole ?? node.authLevel ?? node.role,
      ...(gate?.approvers !== undefined && gate.approvers.length > 0 ? { assignee: gate.approvers[0] } : {}),
      reason: node.authLevel === undefined ? 'approval required' : `needs ${node.authLevel} or above`,
    });
    if (gate?.timeoutHours !== undefined) addTimer(ctx, nodeId, 'timeout', gate.timeoutHours * 3600);
    return;
  }
  performStep(ctx, nodeId);
}

/** Hands the step to whoever performs it now (the step is ready and authorised). */
export function performStep(ctx: DecisionContext, nodeId: string, recovered = false): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  if (node.workflowRef !== undefined) {
    startChildren(ctx, nodeId, 1, node.workflowRef);
    return;
  }
  const performer = performerOf(node, ctx.options.executorTypes);
  const hasExecutor = ctx.options.executorTypes.includes(node.type);
  switch (performer) {
    case 'noop':
    case 'executor':
      executeStep(ctx, nodeId, recovered);
      return;
    case 'supervised':
      if (hasExecutor) executeStep(ctx, nodeId, recovered);
      else personDoesIt(ctx, node);
      return;
    case 'trial':
      personDoesIt(ctx, node);
      if (hasExecutor) command(ctx, executeCommand(ctx, nodeId, step.attempt + 1, true, recovered));
      return;
    case 'person':
      personDoesIt(ctx, node);
      return;
  }
}

function personDoesIt(ctx: DecisionContext, node: WorkflowNode): void {
  const agentWithoutModel = node.type === 'agent' && !ctx.options.executorTypes.includes('agent') && node.delegationState !== 'human_only';
  const taskId = openTask(ctx, node.id, {
    kind: agentWithoutModel ? 'escalation' : 'work', phase: 'work', title: node.name, role: node.role,
    ...(node.form === undefined ? {} : { form: node.form }),
    ...(agentWithoutModel ? { reason: 'NO_MODEL' } : node.type !== 'human' && node.delegationState === undefined ? { reason: `no executor for ${node.type} steps` } : {}),
  });
  if (agentWithoutModel) emit(ctx, { type: 'Escalated', nodeId: node.id, reason: 'NO_MODEL', message: 'no model is configured for agent steps; a person does this step', taskId });
  scheduleStepTimers(ctx, node.id);
}

export function executeStep(ctx: DecisionContext, nodeId: string, recovered = false): void {
  command(ctx, executeCommand(ctx, nodeId, stepOf(ctx, nodeId).attempt + 1, false, recovered));
}

function executeCommand(ctx: DecisionContext, nodeId: string, attempt: number, shadow: boolean, recovered: boolean) {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  return {
    type: 'executeStep' as const, nodeId, activation: step.activation, attempt, input: step.input,
    idempotencyKey: `${ctx.state.runId}:${nodeId}:${step.activation}`,
    ...(node.timeoutSec === undefined ? {} : { timeoutSec: node.timeoutSec }),
    ...(shadow ? { shadow: true } : {}), ...(recovered ? { recovered: true } : {}),
  };
}

type TaskSpec = Omit<TaskOpened, 'type' | 'at' | 'taskId' | 'nodeId' | 'activation'>;

/** Opens a person's task on a step; returns its id. */
export function openTask(ctx: DecisionContext, nodeId: string, spec: TaskSpec): string {
  const taskId = newId(ctx, 'task');
  const node = nodeOf(ctx, nodeId);
  const dueSec = node.sla?.dueSec;
  const clean = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as TaskSpec;
  emit(ctx, {
    type: 'TaskOpened', taskId, nodeId, activation: stepOf(ctx, nodeId).activation, ...clean,
    ...(dueSec === undefined || spec.dueAt !== undefined ? {} : { dueAt: after(ctx, dueSec) }),
  });
  command(ctx, { type: 'openTask', taskId });
  return taskId;
}

/** Timeout (→ timeout routing) and SLA due (→ escalation) timers for a step that waits. */
export function scheduleStepTimers(ctx: DecisionContext, nodeId: string): void {
  const node = nodeOf(ctx, nodeId);
  if (node.timeoutSec !== undefined) addTimer(ctx, nodeId, 'timeout', node.timeoutSec);
  if (node.sla?.dueSec !== undefined && (node.timeoutSec === undefined || node.sla.dueSec < node.timeoutSec)) addTimer(ctx, nodeId, 'task_due', node.sla.dueSec);
}

export function addTimer(ctx: DecisionContext, nodeId: string, purpose: 'retry' | 'timeout' | 'task_due', seconds: number): string {
  const timerId = newId(ctx, 'timer');
  const dueAt = after(ctx, seconds);
  emit(ctx, { type: 'TimerScheduled', timerId, dueAt, purpose, nodeId, activation: stepOf(ctx, nodeId).activation });
  command(ctx, { type: 'scheduleTimer', timerId, dueAt });
  return timerId;
}

function startChildren(ctx: DecisionContext, nodeId: string, count: number, workflowRef: string | undefined): void {
  const step = stepOf(ctx, nodeId);
  if (ctx.state.depth + 1 > (ctx.options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
    failStep(ctx, nodeId, { code: 'MAX_DEPTH', message: `sub-workflows nest deeper than ${ctx.options.maxDepth ?? DEFAULT_MAX_DEPTH}` }, false);
    return;
  }
  for (let index = 0; index < count; index++) {
    const childRunId = `${ctx.state.runId}.${nodeId}.${step.activation}.${index}`;
    emit(ctx, { type: 'ChildRunStarted', nodeId, activation: step.activation, childRunId, index, ...(workflowRef === undefined ? {} : { workflowRef }) });
    command(ctx, {
      type: 'startChildRun', nodeId, activation: step.activation, childRunId, index, ...(workflowRef === undefined ? {} : { workflowRef }),
      inputs: { ...step.input, ...(count > 1 ? { spawn_index: index } : {}) },
    });
  }
  scheduleStepTimers(ctx, nodeId);
}

/** The signal name a step waits for: an event/signal edge's name, or an `event` node's. */
function waitNameOf(node: WorkflowNode, via: WorkflowEdge | undefined): string | undefined {
  if (via !== undefined && (via.mode === 'event' || via.mode === 'signal')) return via.event ?? via.label ?? node.id;
  if (node.type === 'event') return String(node.runtime?.event ?? node.runtime?.signal ?? node.id);
  return undefined;
}

export function signalOutput(name: string, payload: unknown): Record<string, unknown> {
  return payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? { ...(payload as Record<string, unknown>) } : { signal: name, payload: payload ?? null };
}

/** A step's input: run inputs, then outputs of finished predecessors (control and dataflow), then the loop item. */
function resolveInput(ctx: DecisionContext, node: WorkflowNode, item: LoopItem | undefined): Record<string, unknown> {
  const input: Record<string, unknown> = { ...ctx.state.inputs };
  const edges = [...(ctx.index.incoming.get(node.id) ?? []), ...(ctx.index.dataIn.get(node.id) ?? [])];
  for (const edge of edges) {
    const source = ctx.state.steps[edge.from];
    if (source?.status !== 'completed' || source.output === undefined) continue;
    if (edge.mode === 'message') input.message = source.output;
    else Object.assign(input, source.output);
  }
  if (node.workflowInputs !== undefined) Object.assign(input, node.workflowInputs);
  if (item !== undefined) input[item.name] = item.value;
  return input;
}
