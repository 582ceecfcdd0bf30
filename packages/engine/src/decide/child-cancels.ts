import { abandonedChildren } from '../state/abandoned-children.js';
import type { RunState, StepState } from '../state/run-state.js';
import type { Command } from './decide-input.js';
import { command, type DecisionContext } from './decision-context.js';

/** The reason a child is given when its step stops waiting for it: the same on the first cancel and on every one sent again. */
function childCancelReason(step: StepState): string {
  if (step.status === 'skipped') return `parent step ${step.nodeId} was skipped (${step.skipReason ?? 'run_cancelled'})`;
  return `parent step ${step.nodeId} failed (${step.error?.code ?? step.escalations.at(-1) ?? 'FAILED'})`;
}

/**
 * Pure; a `cancelChildRun` for each child run no step waits for any more (see abandonedChildren), or only
 * for those of `nodeId`. The decision that stops the wait sends them; a takeover sends them again (a crash
 * may lose them after the events are stored), until each child's end is recorded; a child that ended
 * meanwhile refuses the cancel, so sending it twice changes nothing.
 */
export function childCancels(state: RunState, nodeId?: string): Command[] {
  return abandonedChildren(state)
    .filter(({ step }) => nodeId === undefined || step.nodeId === nodeId)
    .map(({ step, childRunId }) => ({ type: 'cancelChildRun', nodeId: step.nodeId, childRunId, reason: childCancelReason(step) }));
}

/** Orders the cancels owed to the children of `nodeId`, once it no longer waits for them (skipped, or failed while they ran). */
export function cancelChildren(ctx: DecisionContext, nodeId: string): void {
  for (const cancel of childCancels(ctx.state, nodeId)) command(ctx, cancel);
}
