import { createEngine, createSimulatedClock, type StepExecutor } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { accountActor } from './authenticate.js';
import { runSop } from './run-sop.js';
import type { SeededRandom } from './seeded-random.js';
import { completeTenantTask, listTenantTasks, type TenantTaskView } from './tenant-tasks.js';
import type { ProcessContext, TenantActor } from './tenant-actor.js';

/** What a person does with a task of a demo run, and how long after it opened. */
export interface DemoAnswer {
  afterMs: number;
  /** The person (a user of the tenant) who answers. */
  by: string;
  decision?: 'approved' | 'denied' | 'done';
  data?: Record<string, unknown>;
  reason?: string;
}

/** One run of the demo history: when it starts, who starts it, which machine steps fail, and how people answer its tasks. */
export interface DemoRunPlan {
  startAt: Date;
  startedBy: string;
  /** Machine steps (node ids) whose check fails in this run. */
  failing?: readonly string[];
  answer(task: TenantTaskView): DemoAnswer;
}

/** Runs demo runs one after another on a simulated clock; `close` lets go of the engine. */
export interface DemoHistory {
  run(sopId: string, plan: DemoRunPlan): Promise<string>;
  /** The tenant user acting as `email` (for what the demo records beside its runs). */
  actor(email: string): Promise<TenantActor>;
}

const MAX_TASKS_PER_RUN = 20;

/**
 * A history writer over the context's store: an engine of its own on a simulated clock, so each
 * run's events carry the times of the plan (a person's minutes and hours, a machine's seconds) and
 * its audit chain is the engine's own, never events written around it. Machine steps other than
 * noop (the demo's receipt scanner) take seconds and fail where the plan says so.
 */
export function createDemoHistory(ctx: ProcessContext, tenantId: string, random: SeededRandom): DemoHistory {
  const clock = createSimulatedClock();
  let failing: readonly string[] = [];
  const machine: StepExecutor = {
    handles: ['system'],
    async execute(request) {
      clock.advance(Math.round(random.between(2, 40) * 1000));
      if (failing.includes(request.node.id)) return { status: 'failed', error: { code: 'CHECK_FAILED', message: `${request.node.name}: no readable receipt attached`, retryable: false } };
      return { status: 'completed', output: {} };
    },
  };
  const engine = createEngine({ store: ctx.store, clock, executors: [machine] });
  const actors = new Map<string, TenantActor>();
  const actor = async (email: string): Promise<TenantActor> => {
    const known = actors.get(email) ?? await accountActor(ctx.store, tenantId, email, 'session');
    actors.set(email, known);
    return known;
  };
  const as = async (email: string): Promise<ProcessContext> => ({ ...ctx, engine, actor: await actor(email) });
  return {
    actor,
    async run(sopId, plan) {
      clock.set(plan.startAt);
      failing = plan.failing ?? [];
      const { runId } = await runSop(await as(plan.startedBy), sopId, { inline: true });
      for (let i = 0; i < MAX_TASKS_PER_RUN; i++) {
        const task = (await listTenantTasks(await as(plan.startedBy))).find((t) => t.runId === runId);
        if (task === undefined) return runId;
        const answer = plan.answer(task);
        const answeredAt = new Date(Date.parse(task.createdAt) + answer.afterMs);
        // A deadline that passed before the person answered rings first, at its time (an escalation, a timeout).
        const due = (await serviceCall(() => ctx.store.dueTimers(runId, answeredAt))).map((t) => Date.parse(t.dueAt)).sort((a, b) => a - b);
        if (due.length > 0) {
          clock.set(new Date(due[0]!));
          await serviceCall(() => engine.resume(runId));
          continue;
        }
        clock.set(answeredAt);
        const { afterMs: _after, by, ...decision } = answer;
        await completeTenantTask(await as(by), task.id, decision);
      }
      throw new Error(`demo run ${runId} of ${sopId} still had tasks after ${MAX_TASKS_PER_RUN}`);
    },
  };
}
