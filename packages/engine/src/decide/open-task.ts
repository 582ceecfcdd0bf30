import type { TaskOpened } from '../events/run-event.js';
import { after, command, emit, newId, nodeOf, stepOf, type DecisionContext } from './decision-context.js';

/** What a new task says; the id, node and activation come from the context. */
export type TaskSpec = Omit<TaskOpened, 'type' | 'at' | 'taskId' | 'nodeId' | 'activation'>;

/** Opens a person's task on a step (due time from the node's SLA unless given); returns its id. */
export function openTask(ctx: DecisionContext, nodeId: string, spec: TaskSpec): string {
  const taskId = newId(ctx, 'task');
  const node = nodeOf(ctx, nodeId);
  const dueSec = node.sla?.dueSec;
  const clean = Object.fromEntries(Object.entries(spec).filter(([, v]) => v !== undefined)) as TaskSpec;
  emit(ctx, {
    type: 'TaskOpened', taskId, nodeId, activation: stepOf(ctx, nodeId).activation, ...clean,
    ...(dueSec === undefined || spec.dueAt !== undefined ? {} : { dueAt: after(ctx, dueSec) }),
  });
  command(ctx, { type: 'openTask', taskId });
  return taskId;
}
