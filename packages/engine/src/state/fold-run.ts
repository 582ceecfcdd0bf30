import type { RunEvent } from '../events/run-event.js';
import { applyEvent } from './apply-event.js';
import { emptyRunState, type RunState } from './run-state.js';

/** Pure; the state of a run after `events` (replay never runs user code). */
export function foldRun(events: readonly RunEvent[], runId = ''): RunState {
  const state = emptyRunState(runId);
  for (const event of events) applyEvent(state, event);
  return state;
}
