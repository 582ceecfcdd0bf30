import { isFailurePath } from '@sopflow/format';
import type { StepError, StepResult, ToolCallRecord } from '../ports/step-executor.js';
import { cancelChildren } from './child-cancels.js';
import { emit, follow, nodeOf, stepOf, type DecisionContext } from './decision-context.js';
import { openTask } from './open-task.js';
import { routeSuccess } from './route-success.js';
import { agreementOf, escalationRoleFor, isRetryable, maxAttempts, retryDelaySec } from './step-policy.js';
import { addTimer, cancelAttemptDeadline, cancelStepTimers } from './step-timers.js';
import type { CompletionMeta, WorkItem } from './work-item.js';
import { isBackEdge } from './workflow-index.js';

/** An executor's result for a running step: confidence gate and supervision, or retry / failure routing. */
export function handleStepResult(ctx: DecisionContext, nodeId: string, result: StepResult): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  switch (result.status) {
    case 'completed': {
      const required = node.confidenceRequirement;
      const meta: CompletionMeta = {
        ...(result.confidence === undefined ? {} : { confidence: result.confidence }),
        ...(result.usage === undefined ? {} : { usage: result.usage }),
        ...(result.toolCalls === undefined ? {} : { toolCalls: result.toolCalls }),
      };
      const lowConfidence = required !== undefined && (result.confidence ?? (node.type === 'agent' ? 0 : 1)) < required;
      if (lowConfidence || node.delegationState === 'agent_supervised') {
        const taskId = openTask(ctx, nodeId, {
          kind: lowConfidence ? 'escalation' : 'approval', phase: 'review', title: `Review "${node.name}"`,
          role: lowConfidence ? escalationRoleFor(ctx.index.workflow, 'LOW_CONFIDENCE') ?? node.role : node.approvalGate?.approverRole ?? node.role,
          proposal: result.output, proposalMeta: meta,
          ...(node.form === undefined ? {} : { form: node.form }),
          reason: lowConfidence ? 'LOW_CONFIDENCE' : 'agent_supervised',
        });
        if (lowConfidence) {
          emit(ctx, { type: 'Escalated', nodeId, reason: 'LOW_CONFIDENCE', taskId, message: `confidence ${result.confidence ?? 'not reported'} is below the required ${required}` });
        }
        cancelAttemptDeadline(ctx, nodeId);
        return;
      }
      follow(ctx, { type: 'complete', nodeId, output: result.output, meta });
      return;
    }
    case 'failed':
      failAttempt(ctx, nodeId, result.error, result.toolCalls);
      return;
    case 'escalated': {
      const taskId = openTask(ctx, nodeId, { kind: 'escalation', phase: 'work', title: node.name, role: node.role, reason: result.reason, ...(node.form === undefined ? {} : { form: node.form }) });
      emit(ctx, { type: 'Escalated', nodeId, reason: result.reason, message: result.message, taskId });
      cancelAttemptDeadline(ctx, nodeId);
      return;
    }
  }
}

/** Work item `attemptTimedOut`: the attempt's deadline passed while it ran; a retryable TIMEOUT under the retry policy. */
export function handleAttemptTimedOut(ctx: DecisionContext, work: Extract<WorkItem, { type: 'attemptTimedOut' }>): void {
  const node = nodeOf(ctx, work.nodeId);
  failAttempt(ctx, work.nodeId, { code: 'TIMEOUT', message: `"${node.name}" did not finish within ${node.timeoutSec} s`, retryable: true }, undefined);
}

/** A failed attempt: another one after the retry policy's delay, or the step fails and its failure is routed. */
function failAttempt(ctx: DecisionContext, nodeId: string, error: StepError, toolCalls: ToolCallRecord[] | undefined): void {
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  if (isRetryable(node, error.code, error.retryable) && step.attempt < maxAttempts(node)) {
    const delaySec = retryDelaySec(node, step.attempt + 1);
    const timerId = addTimer(ctx, nodeId, 'retry', delaySec);
    emit(ctx, { type: 'StepRetryScheduled', nodeId, activation: step.activation, nextAttempt: step.attempt + 1, delaySec, timerId });
    cancelAttemptDeadline(ctx, nodeId);
    return;
  }
  follow(ctx, {
    type: 'fail', nodeId, error: { code: error.code, message: error.message }, retryable: error.retryable,
    ...(toolCalls === undefined ? {} : { toolCalls }),
  });
}

/** Work item `complete`: records a step's success, then follows the edges it takes and sends dead tokens down the rest. */
export function handleComplete(ctx: DecisionContext, work: Extract<WorkItem, { type: 'complete' }>): void {
  const { nodeId, meta } = work;
  const step = stepOf(ctx, nodeId);
  const routing = routeSuccess(ctx, nodeId, work.output);
  if (routing.error !== undefined) {
    follow(ctx, { type: 'fail', nodeId, error: routing.error, retryable: false });
    return;
  }
  const shadow = step.shadow?.done === true && step.by !== undefined
    ? { output: step.shadow.output ?? {}, agreement: agreementOf(routing.output, step.shadow.output) }
    : undefined;
  emit(ctx, {
    type: 'StepCompleted', nodeId, activation: step.activation, attempt: Math.max(1, step.attempt), output: routing.output,
    next: [...new Set(routing.targets.map((t) => t.to))], ...meta,
    ...(routing.loopsTaken.length > 0 ? { loopsTaken: routing.loopsTaken } : {}),
    ...(routing.forEachStarted === undefined ? {} : { forEachStarted: routing.forEachStarted }),
    ...(routing.forEachIteration === undefined ? {} : { forEachIteration: routing.forEachIteration }),
    ...(shadow === undefined ? {} : { shadow }),
  });
  cancelStepTimers(ctx, nodeId);
  if (step.compensation === true) {
    follow(ctx, { type: 'stepFinished', nodeId });
    return;
  }
  const takenTargets = new Set(routing.targets.map((t) => t.to));
  for (const target of routing.targets) {
    const where = { via: target.via, ...(target.item === undefined ? {} : { item: target.item }) };
    follow(ctx, target.again === true ? { type: 'activate', nodeId: target.to, ...where } : { type: 'arrive', targetId: target.to, taken: true, ...where });
  }
  if (!routing.holdOthers) deadTokens(ctx, nodeId, takenTargets);
  follow(ctx, { type: 'stepFinished', nodeId });
}

/**
 * Work item `fail`: records a step's failure and routes it: error edges (by code), timeout edges,
 * fallback edges and failure modes; else an escalation task to the node's on_failure / on_timeout
 * role; else the run fails.
 */
export function handleFail(ctx: DecisionContext, work: Extract<WorkItem, { type: 'fail' }>): void {
  const { nodeId, error, retryable, toolCalls } = work;
  const node = nodeOf(ctx, nodeId);
  const step = stepOf(ctx, nodeId);
  const handlers = new Set<string>();
  for (const edge of ctx.index.outgoing.get(nodeId) ?? []) {
    if (!isFailurePath(edge.mode)) continue;
    const catches = (edge.mode === 'error' && (edge.errorCodes === undefined || edge.errorCodes.length === 0 || edge.errorCodes.includes(error.code)))
      || (edge.mode === 'timeout' && error.code === 'TIMEOUT')
      || edge.mode === 'fallback';
    if (catches) handlers.add(edge.to);
  }
  for (const mode of node.failureModes) {
    if (mode.goto !== undefined && ctx.index.nodes.has(mode.goto) && (mode.code ?? mode.id) === error.code) handlers.add(mode.goto);
  }
  const role = error.code === 'TIMEOUT' ? node.onTimeout?.role ?? node.onFailure?.role : node.onFailure?.role;
  if (handlers.size === 0 && work.escalate !== false && role !== undefined && step.compensation !== true) {
    const reason = error.code === 'TIMEOUT' ? 'TIMEOUT' : error.code === 'AUTH_DENIED' ? 'AUTH_DENIED' : 'FAILED';
    const taskId = openTask(ctx, nodeId, { kind: 'escalation', phase: 'escalation', title: `Escalated: ${node.name}`, role, reason, ...(node.form === undefined ? {} : { form: node.form }) });
    emit(ctx, { type: 'Escalated', nodeId, reason, message: `${error.code}: ${error.message}`, taskId });
    cancelAttemptDeadline(ctx, nodeId);
    // The step no longer waits for its child runs (its wait timed out): each still running is asked to cancel.
    cancelChildren(ctx, nodeId);
    return;
  }
  emit(ctx, {
    type: 'StepFailed', nodeId, activation: step.activation, attempt: Math.max(1, step.attempt), error, retryable, next: [...handlers],
    ...(toolCalls === undefined ? {} : { toolCalls }),
  });
  cancelStepTimers(ctx, nodeId);
  cancelChildren(ctx, nodeId);
  if (step.compensation === true) {
    follow(ctx, { type: 'stepFinished', nodeId });
    return;
  }
  if (handlers.size === 0) {
    follow(ctx, { type: 'failRun', error, nodeId });
    return;
  }
  for (const handler of handlers) {
    const via = (ctx.index.outgoing.get(nodeId) ?? []).find((e) => e.to === handler);
    follow(ctx, { type: 'arrive', targetId: handler, taken: true, ...(via === undefined ? {} : { via }) });
  }
  deadTokens(ctx, nodeId, handlers);
  follow(ctx, { type: 'stepFinished', nodeId });
}

/** Queues a dead token for every forward edge of the node not taken. */
function deadTokens(ctx: DecisionContext, nodeId: string, taken: Set<string>): void {
  const done = new Set<string>();
  for (const edge of ctx.index.outgoing.get(nodeId) ?? []) {
    if (isBackEdge(edge) || taken.has(edge.to) || done.has(edge.to)) continue;
    done.add(edge.to);
    follow(ctx, { type: 'arrive', targetId: edge.to, taken: false });
  }
}
