import type { WorkflowEdge, WorkflowNode } from '@sopflow/format';
import type { LoopItem } from '../events/run-event.js';
import type { Command } from './decide-input.js';
import { after, command, emit, follow, isActive, nodeOf, stepOf, type DecisionContext } from './decision-context.js';
import { openTask } from './open-task.js';
import { signalOutput } from './signal-output.js';
import { needsAuthorisation, performerCarriesApproval, performerOf } from './step-policy.js';
import { addTimer, scheduleAttemptDeadline, scheduleStepTimers } from './step-timers.js';
import type { WorkItem } from './work-item.js';

const DEFAULT_MAX_DEPTH = 8;

/**
 * Work item `activate`: schedules a new activation of a node and starts its pipeline: wait for a
 * signal, or authorisation → performer (person, executor, agent in trial or under supervision, child runs).
 */
export function handleActivate(ctx: DecisionContext, work: Extract<WorkItem, { type: 'activate' }>): void {
  const { nodeId, via, item } = work;
  if (ctx.state.status !== 'running' && ctx.state.status !== 'waiting') return;
  const previous = stepOf(ctx, nodeId);
  if (isActive(previous)) return;
  const node = nodeOf(ctx, nodeId);
  const waitFor = waitNameOf(node, via);
  emit(ctx, {
    type: 'StepScheduled', nodeId, activation: (previous?.activation ?? 0) + 1, input: resolveInput(ctx, node, item),
    ...(item === undefined ? {} : { item }), ...(work.compensation === true ? { compensation: true } : {}), ...(waitFor === undefined ? {} : { waitFor }),
  });
  if (waitFor !== undefined) {
    const buffered = ctx.state.bufferedSignals.find((s) => s.name === waitFor);
    if (buffered !== undefined) {
      emit(ctx, { type: 'SignalReceived', name: waitFor, payload: buffered.payload, consumedBy: nodeId });
      follow(ctx, { type: 'complete', nodeId, output: signalOutput(waitFor, buffered.payload), meta: {} });
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
function startPipeline(ctx: DecisionContext, nodeId: string): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  if (needsAuthorisation(node) && !step.authorised) {
    const gate = node.approvalGate;
    if (performerCarriesApproval(node)) {
      // One task: the person who does the step approves it by completing it.
      if (gate?.timeoutHours !== undefined) addTimer(ctx, nodeId, 'timeout', gate.timeoutHours * 3600);
      perform(ctx, nodeId, false, true);
      return;
    }
    openTask(ctx, nodeId, {
      kind: gate?.required === true ? 'approval' : 'auth', phase: 'auth', title: `Authorise "${node.name}"`,
      role: gate?.approverRole ?? node.authLevel ?? node.role,
      ...(gate?.approvers !== undefined && gate.approvers.length > 0 ? { assignee: gate.approvers[0] } : {}),
      reason: node.authLevel === undefined ? 'approval required' : `needs ${node.authLevel} or above`,
    });
    if (gate?.timeoutHours !== undefined) addTimer(ctx, nodeId, 'timeout', gate.timeoutHours * 3600);
    return;
  }
  perform(ctx, nodeId, false, false);
}

/** Work item `perform`: hands the step to whoever performs it now (the step is ready and authorised). */
export function handlePerform(ctx: DecisionContext, work: Extract<WorkItem, { type: 'perform' }>): void {
  perform(ctx, work.nodeId, work.recovered === true, false);
}

/** `approves`: the person's task also carries the step's approval (see performerCarriesApproval). */
function perform(ctx: DecisionContext, nodeId: string, recovered: boolean, approves: boolean): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  if (node.workflowRef !== undefined) {
    startChildren(ctx, nodeId, 1, node.workflowRef);
    return;
  }
  const performer = performerOf(node, ctx.executorTypes);
  const hasExecutor = ctx.executorTypes.includes(node.type);
  switch (performer) {
    case 'noop':
    case 'executor':
      command(ctx, executeCommand(ctx, nodeId, step.attempt + 1, false, recovered));
      return;
    case 'supervised':
      if (hasExecutor) command(ctx, executeCommand(ctx, nodeId, step.attempt + 1, false, recovered));
      else personDoesIt(ctx, node);
      return;
    case 'trial':
      personDoesIt(ctx, node, approves);
      if (hasExecutor) command(ctx, executeCommand(ctx, nodeId, step.attempt + 1, true, recovered));
      return;
    case 'person':
      personDoesIt(ctx, node, approves);
      return;
  }
}

/** The step is a person's task; `approves`: the task also carries the step's approval (kind approval, phase work_approval). */
function personDoesIt(ctx: DecisionContext, node: WorkflowNode, approves = false): void {
  const agentWithoutModel = node.type === 'agent' && !ctx.executorTypes.includes('agent') && node.delegationState !== 'human_only';
  const approvers = node.approvalGate?.approvers ?? [];
  const taskId = openTask(ctx, node.id, {
    kind: agentWithoutModel ? 'escalation' : approves ? 'approval' : 'work', phase: approves ? 'work_approval' : 'work', title: node.name, role: node.role,
    ...(approves && approvers.length > 0 ? { assignee: approvers[0] } : {}),
    ...(node.form === undefined ? {} : { form: node.form }),
    ...(agentWithoutModel ? { reason: 'NO_MODEL' } : approves ? { reason: node.authLevel === undefined ? 'approval required' : `needs ${node.authLevel} or above` }
      : node.type !== 'human' && node.delegationState === undefined ? { reason: `no executor for ${node.type} steps` } : {}),
  });
  if (agentWithoutModel) emit(ctx, { type: 'Escalated', nodeId: node.id, reason: 'NO_MODEL', message: 'no model is configured for agent steps; a person does this step', taskId });
  scheduleStepTimers(ctx, node.id);
}

/**
 * The command to execute one attempt. The attempt's deadline is decided here: a durable timer for
 * the step's own attempts, only the signal's deadline for a shadow run (the person's step owns the timers).
 */
function executeCommand(ctx: DecisionContext, nodeId: string, attempt: number, shadow: boolean, recovered: boolean): Command {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  const deadlineAt = shadow
    ? (node.timeoutSec === undefined || node.timeoutSec <= 0 ? undefined : after(ctx, node.timeoutSec))
    : scheduleAttemptDeadline(ctx, nodeId, attempt);
  return {
    type: 'executeStep', nodeId, activation: step.activation, attempt, input: step.input,
    idempotencyKey: `${ctx.state.runId}:${nodeId}:${step.activation}`,
    ...(deadlineAt === undefined ? {} : { deadlineAt }),
    ...(shadow ? { shadow: true } : {}), ...(recovered ? { recovered: true } : {}),
  };
}

function startChildren(ctx: DecisionContext, nodeId: string, count: number, workflowRef: string | undefined): void {
  const step = stepOf(ctx, nodeId);
  if (ctx.state.depth + 1 > (ctx.options.maxDepth ?? DEFAULT_MAX_DEPTH)) {
    follow(ctx, { type: 'fail', nodeId, error: { code: 'MAX_DEPTH', message: `sub-workflows nest deeper than ${ctx.options.maxDepth ?? DEFAULT_MAX_DEPTH}` }, retryable: false });
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
