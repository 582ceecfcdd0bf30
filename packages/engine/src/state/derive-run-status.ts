import { abandonedChildren } from './abandoned-children.js';
import type { RunState } from './run-state.js';

/** Pure; `running` while a step is ready or running, `waiting` while only people, signals, timers or child runs are awaited. */
export function deriveRunStatus(state: RunState): 'running' | 'waiting' {
  for (const step of Object.values(state.steps)) {
    if (step.status === 'ready' || step.status === 'running') return 'running';
  }
  return 'waiting';
}

/**
 * Pure; whether a worker has something to do for this run now: start or recover a step, or — also once
 * the run has ended — ask again a child run no step waits for to cancel (until its end is recorded).
 */
export function isRunnable(state: RunState): boolean {
  if (abandonedChildren(state).length > 0) return true;
  if (state.status !== 'running' && state.status !== 'waiting') return false;
  for (const step of Object.values(state.steps)) {
    if (step.status === 'ready' || step.status === 'running') return true;
  }
  return false;
}
