import type { Workflow } from '@sopflow/format';
import type { RunState } from '../state/run-state.js';

/** The queue of steps that name none, and of workers started without `--queue`. */
export const DEFAULT_QUEUE = 'default';

const queuesByWorkflow = new WeakMap<Workflow, Map<string, string>>();

/** Pure; the task queue a step is executed from: its `runtime.queue`, else the default queue. */
export function stepQueue(workflow: Workflow, nodeId: string): string {
  let queues = queuesByWorkflow.get(workflow);
  if (queues === undefined) {
    queues = new Map(workflow.nodes.map((n) => [n.id, typeof n.runtime?.queue === 'string' ? n.runtime.queue : DEFAULT_QUEUE]));
    queuesByWorkflow.set(workflow, queues);
  }
  return queues.get(nodeId) ?? DEFAULT_QUEUE;
}

/**
 * Pure; the queue a worker must serve to move the run on (stored on the run row; claims filter by it):
 * the default queue when a ready or started step is on it or nothing is pending, else the first of
 * the pending steps' queues by name. A run is held by one worker at a time, so steps of parallel
 * branches on different queues take turns.
 */
export function runQueue(state: RunState, workflow: Workflow): string {
  const pending = new Set<string>();
  for (const step of Object.values(state.steps)) {
    if (step.status === 'ready' || step.status === 'running') pending.add(stepQueue(workflow, step.nodeId));
  }
  if (pending.size === 0 || pending.has(DEFAULT_QUEUE)) return DEFAULT_QUEUE;
  return [...pending].sort()[0];
}
