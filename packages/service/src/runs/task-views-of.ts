import type { RunState, TaskRow } from '@sopflow/engine';
import { taskView, type TaskView } from './run-views.js';

/** Task rows as views, each with the agent's proposal from its run's state (review and escalation tasks). */
export function taskViewsOf(rows: readonly TaskRow[], state: RunState): TaskView[] {
  return rows.map((row) => {
    const recorded = state.tasks[row.id];
    const step = state.steps[row.nodeId];
    const output = recorded?.proposal ?? step?.proposal?.output;
    const confidence = recorded?.proposalMeta?.confidence ?? step?.proposal?.confidence;
    return taskView(row, output === undefined ? undefined : { output, ...(confidence === undefined ? {} : { confidence }) });
  });
}
