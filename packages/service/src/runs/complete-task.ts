import type { HumanDecision } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { actOnBehalfOf } from '../identity/act-on-behalf-of.js';
import { checkText } from '../check-text.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireEngine } from './require-engine.js';

export interface CompleteTaskInput {
  /** done / not_done for work tasks; approved / denied for approvals and reviews (default: done or approved). */
  decision?: HumanDecision;
  data?: Record<string, unknown>;
  reason?: string;
  /** An admin enters the decision for this directory user: recorded as "entered by ACTOR for USER". */
  onBehalfOf?: string;
}

export interface CompletedTask {
  task: string;
  run: string;
  /** The run's status after the decision took effect. */
  status: string;
  by: string;
  entered_by: string | null;
}

/**
 * A person's decision on a task, as the context's actor (or, for an admin, on behalf of another
 * user). The engine checks the task's role and the step's auth_level against the store's directory
 * (not_authorised / auth_level_too_low; nothing recorded then) and checks the data against the form.
 */
export async function completeTask(ctx: ServiceContext, taskId: string, input: CompleteTaskInput = {}): Promise<CompletedTask> {
  const engine = requireEngine(ctx);
  if (input.reason !== undefined) checkText(input.reason, 'reason');
  if (ctx.actor === undefined) throw new ServiceError('unauthenticated', 'completing a task needs a user of the directory');
  const person = input.onBehalfOf === undefined ? ctx.actor : await actOnBehalfOf(ctx.store, ctx.actor, input.onBehalfOf);
  const enteredBy = person.name === ctx.actor.name ? undefined : ctx.actor.name;
  await serviceCall(() => engine.completeTask(taskId, {
    by: person.name, ...(enteredBy === undefined ? {} : { enteredBy }),
    ...(input.decision === undefined ? {} : { decision: input.decision }), ...(input.data === undefined ? {} : { data: input.data }),
    ...(input.reason === undefined ? {} : { reason: input.reason }),
  }));
  await engine.settle();
  const row = await serviceCall(() => ctx.store.getTask(taskId));
  const run = row === undefined ? undefined : await serviceCall(() => ctx.store.getRun(row.runId));
  return { task: taskId, run: run?.id ?? row?.runId ?? '', status: run?.status ?? 'unknown', by: person.name, entered_by: enteredBy ?? null };
}
