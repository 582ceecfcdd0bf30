import { runHasEnded, type RunState, type StepState } from './run-state.js';

/** Pure; the child runs the step's current activation started that have no recorded `ChildRunEnded`. */
export function unendedChildren(step: StepState | undefined): string[] {
  const children = step?.children ?? { started: [], ended: [] };
  return children.started.filter((childRunId) => !children.ended.some((c) => c.childRunId === childRunId));
}

/** Pure; whether the step still waits for its child runs (only then does a child's end decide its outcome). */
export function waitsForChildren(step: StepState): boolean {
  return step.status === 'waiting' && step.waitingOn === 'children';
}

/** Take-overs that may fail to cancel a child before the run stops asking (its child is then left to end by itself or by an operator). */
export const MAX_CHILD_CANCEL_ATTEMPTS = 3;

/**
 * Pure; the child runs no step waits for any more whose end is not recorded — those of a skipped step,
 * of a step that failed (or escalated its failure) while they ran, and every one once the run has ended.
 * Each is owed a cancel until its end is recorded, or until MAX_CHILD_CANCEL_ATTEMPTS take-overs failed to carry it out.
 */
export function abandonedChildren(state: RunState): { step: StepState; childRunId: string }[] {
  const ended = runHasEnded(state);
  return Object.values(state.steps)
    .filter((step) => ended || !waitsForChildren(step))
    .flatMap((step) => unendedChildren(step)
      .filter((childRunId) => (step.children?.cancelsFailed?.[childRunId] ?? 0) < MAX_CHILD_CANCEL_ATTEMPTS)
      .map((childRunId) => ({ step, childRunId })));
}
