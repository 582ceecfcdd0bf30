import type { WorkflowNode } from '@sopflow/format';
import type { Command } from '../decide/decide-input.js';
import type { StepExecutor, StepResult, StepScope } from '../ports/step-executor.js';
import { isNoopStep } from '../decide/step-policy.js';
import type { EngineCore } from './create-engine.js';
import { processStartTime } from './process-liveness.js';
import { STEP_HOLDER_ENV } from './reclaim-dead-leases.js';
import { sourceFromWorkflow, type WorkflowSource } from './workflow-source.js';

/**
 * Carries out a decision's commands once its events are stored: executes steps (only when this
 * engine holds the run's lease), starts and cancels child runs, tells a parent its child ended, aborts steps.
 * Timers and tasks are rows written with the events; a held run's timers also get an in-process
 * alarm that delivers `timerFired` at the due time (a worker fires the rows of runs nobody holds).
 */
export function performCommands(core: EngineCore, runId: string, commands: readonly Command[], inline: boolean, source: WorkflowSource): void {
  for (const cmd of commands) {
    switch (cmd.type) {
      case 'executeStep':
        // A step on a queue this engine does not serve stays ready for a worker that does.
        if (inline && core.serves(source.workflow, cmd.nodeId)) core.track(runId, executeStep(core, runId, cmd, source));
        break;
      case 'startChildRun':
        core.track(runId, startChild(core, runId, cmd, source, inline));
        break;
      case 'cancelChildRun':
        core.track(runId, core.drive(cmd.childRunId, { type: 'cancel', at: core.clock.now().toISOString(), reason: cmd.reason }));
        break;
      case 'notifyParent':
        core.track(runId, core.drive(cmd.parentRunId, {
          type: 'childEnded', at: core.clock.now().toISOString(), nodeId: cmd.parentNodeId, childRunId: cmd.childRunId, status: cmd.status,
          ...(cmd.output === undefined ? {} : { output: cmd.output }),
        }));
        break;
      case 'abortStep':
        core.aborts.get(`${runId}:${cmd.nodeId}`)?.abort(cmd.reason === 'TIMEOUT' ? timeoutReason(cmd.nodeId) : new Error('cancelled'));
        break;
      case 'scheduleTimer':
        if (inline) core.alarms.arm(runId, cmd.timerId, cmd.dueAt);
        break;
      case 'cancelTimer':
        core.alarms.disarm(runId, cmd.timerId);
        break;
      case 'openTask':
      case 'completeRun':
        break;
    }
  }
}

type ExecuteCommand = Extract<Command, { type: 'executeStep' }>;

const NEVER_ABORTED = new AbortController().signal;

/** The abort reason of an attempt whose deadline passed: executors read a TimeoutError as TIMEOUT. */
function timeoutReason(nodeId: string): DOMException {
  return new DOMException(`step ${nodeId} passed its deadline`, 'TimeoutError');
}

async function executeStep(core: EngineCore, runId: string, cmd: ExecuteCommand, source: WorkflowSource): Promise<void> {
  const node = source.workflow.nodes.find((n) => n.id === cmd.nodeId);
  const executor = node === undefined ? undefined : pickExecutor(core, node);
  let result: StepResult | undefined;
  if (node === undefined) {
    result = failed('UNKNOWN_NODE', `workflow has no node ${cmd.nodeId}`);
  } else if (executor !== undefined && executor.handles.includes('noop')) {
    // Noop steps finish at once: no timeout, nothing to abort, no templates to fill.
    result = await executor.execute({
      runId, node, attempt: cmd.attempt, input: cmd.input, idempotencyKey: cmd.idempotencyKey, signal: NEVER_ABORTED, secrets: core.secrets,
    });
  } else {
    const { state } = await core.load(runId);
    const scope = { inputs: state.inputs, steps: state.completionOrder.map((id) => ({ nodeId: id, outputs: state.steps[id]?.output ?? {} })) };
    result = await runExecutor(core, runId, cmd, node, executor, scope, source.workflow.allowedHosts);
  }
  // Cut short by a drain: no result is recorded; the step stays started, and recovery decides.
  if (result === undefined) return;
  await core.deliver(runId, {
    type: 'stepResult', at: core.clock.now().toISOString(), nodeId: cmd.nodeId, activation: cmd.activation, attempt: cmd.attempt,
    ...(cmd.shadow === true ? { shadow: true } : {}), result,
  });
}

async function runExecutor(
  core: EngineCore, runId: string, cmd: ExecuteCommand, node: WorkflowNode, executor: StepExecutor | undefined, scope: StepScope,
  allowedHosts: readonly string[] | undefined,
): Promise<StepResult | undefined> {
  if (executor === undefined) return failed('NO_EXECUTOR', `no executor handles ${node.type} steps`);
  // Given up while its StepStarted was being stored (no renewal for half the TTL): the run is not this engine's any more, so the step does not start.
  if (!core.held.has(runId)) return undefined;
  const controller = new AbortController();
  const key = `${runId}:${cmd.nodeId}${cmd.shadow === true ? ':shadow' : ''}`;
  core.aborts.set(key, controller);
  const groups: number[] = [];
  const onProcessStarted = (pid: number): void => {
    groups.push(pid);
    core.recordChild(runId, `${key}#${pid}`, { pid, startedAt: processStartTime(pid) ?? Date.now() });
  };
  // The attempt's deadline is decide's alone: its durable timer rings in this process (the run is held here),
  // decide turns it into a retryable TIMEOUT and an abortStep command; a result arriving after that is ignored.
  try {
    const result = await executor.execute({
      runId, node, attempt: cmd.attempt, input: cmd.input, idempotencyKey: cmd.idempotencyKey, signal: controller.signal, secrets: core.secrets, scope,
      onProcessStarted, processEnv: { [STEP_HOLDER_ENV]: core.owner }, ...(allowedHosts === undefined ? {} : { allowedHosts }),
    });
    if (core.interrupted.has(key)) return undefined;
    return result;
  } catch (error) {
    if (core.interrupted.has(key)) return undefined;
    return failed('EXECUTOR_ERROR', core.secrets.redact((error as Error).message ?? String(error)));
  } finally {
    // A newer attempt of the step may have taken the key meanwhile: leave its controller alone.
    if (core.aborts.get(key) === controller) {
      core.aborts.delete(key);
      // The cut is this attempt's; a later attempt under a new lease reports normally.
      core.interrupted.delete(key);
    }
    for (const pid of groups) core.recordChild(runId, `${key}#${pid}`, undefined);
  }
}

function pickExecutor(core: EngineCore, node: WorkflowNode): StepExecutor | undefined {
  const type = isNoopStep(node) ? 'noop' : node.type;
  return core.executors.find((e) => e.handles.includes(type));
}

function failed(code: string, message: string, retryable = false): StepResult {
  return { status: 'failed', error: { code, message, retryable } };
}

type ChildCommand = Extract<Command, { type: 'startChildRun' }>;

async function startChild(core: EngineCore, runId: string, cmd: ChildCommand, source: WorkflowSource, inline: boolean): Promise<void> {
  let child: WorkflowSource | undefined;
  let problem = '';
  if (cmd.workflowRef !== undefined) {
    try {
      child = await core.options.resolveWorkflowRef?.(cmd.workflowRef, source);
      if (child === undefined) problem = `cannot find workflow ${cmd.workflowRef}`;
    } catch (error) {
      problem = `cannot load workflow ${cmd.workflowRef}: ${(error as Error).message}`;
    }
  } else {
    const node = source.workflow.nodes.find((n) => n.id === cmd.nodeId);
    if (node !== undefined) {
      child = sourceFromWorkflow({
        ...source.workflow, id: `${source.workflow.id}.${node.id}`, name: node.name, nodes: [{ ...node }], edges: [], entryPoint: node.id, inputs: [],
      });
    }
  }
  const parentState = (await core.load(runId)).state;
  if (child === undefined) {
    // No child run exists: the parent's history says so, and why (the resolver's error may quote a secret, so it is redacted).
    await core.deliver(runId, {
      type: 'childEnded', at: core.clock.now().toISOString(), nodeId: cmd.nodeId, childRunId: cmd.childRunId, status: 'failed', started: false,
      reason: core.secrets.redact(problem),
    });
    return;
  }
  await core.startRun(child, cmd.inputs, {
    runId: cmd.childRunId, detach: !inline, seed: parentState.seed + cmd.index + 1,
    parent: { runId, nodeId: cmd.nodeId, depth: parentState.depth + 1 },
    ...(parentState.executorTypes === undefined ? {} : { executorTypes: parentState.executorTypes }),
  });
}
