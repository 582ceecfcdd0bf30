import type { RunState, StepState } from '../state/run-state.js';
import type { Command } from './decide-input.js';

/** Pure; the child runs the step's current activation started that have no recorded `ChildRunEnded`. */
export function unendedChildren(step: StepState | undefined): string[] {
  const children = step?.children ?? { started: [], ended: [] };
  return children.started.filter((childRunId) => !children.ended.some((c) => c.childRunId === childRunId));
}

/** Pure; a `cancelChildRun` for each child the step started that has no recorded `ChildRunEnded`. */
export function childCancels(step: StepState | undefined, reason: string): Command[] {
  return unendedChildren(step).map((childRunId) => ({ type: 'cancelChildRun', nodeId: step!.nodeId, childRunId, reason }));
}

/** The reason a child of a skipped step is given: the same on the first cancel and on every one sent again. */
export function childCancelReason(nodeId: string, reason: string): string {
  return `parent step ${nodeId} was skipped (${reason})`;
}

/**
 * Pure; the cancels a takeover sends again: for every skipped step's children with no recorded end.
 * The first was a command after the parent's events were stored, lost if the process died in between;
 * a child that ended meanwhile refuses the cancel, so sending it twice changes nothing.
 */
export function reissuedChildCancels(state: RunState): Command[] {
  return Object.values(state.steps)
    .filter((step) => step.status === 'skipped')
    .flatMap((step) => childCancels(step, childCancelReason(step.nodeId, step.skipReason ?? 'run_cancelled')));
}
