import type { Workflow } from '@sopflow/format';
import type { RunState } from '../state/run-state.js';

/** The signals a run waits for now, and every signal it would take (those plus ones steps not yet reached will wait for). */
export interface SignalWaits {
  waitingFor: string[];
  accepts: string[];
}

/**
 * Pure; which signals a run can use: names its waiting steps wait for now, and names that event or
 * signal edges (and `event` nodes) into steps not yet finished will wait for, so an early signal is
 * kept for them. Any other signal would be dropped unseen.
 */
export function findSignalWaits(workflow: Workflow, state: RunState): SignalWaits {
  const waitingFor = [...new Set(Object.values(state.steps)
    .filter((s) => s.status === 'waiting' && s.waitingOn === 'signal' && s.signal !== undefined)
    .map((s) => s.signal as string))];
  const finished = (nodeId: string): boolean => {
    const status = state.steps[nodeId]?.status;
    return status === 'completed' || status === 'skipped' || status === 'failed';
  };
  const later: string[] = [];
  for (const edge of workflow.edges) {
    if ((edge.mode === 'event' || edge.mode === 'signal') && !finished(edge.to)) later.push(edge.event ?? edge.label ?? edge.to);
  }
  for (const node of workflow.nodes) {
    if (node.type === 'event' && !finished(node.id)) later.push(String(node.runtime?.event ?? node.runtime?.signal ?? node.id));
  }
  return { waitingFor, accepts: [...new Set([...waitingFor, ...later])] };
}
