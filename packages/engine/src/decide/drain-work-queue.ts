import { assertNever } from '../assert-never.js';
import { handleActivate, handlePerform } from './activate-step.js';
import { handleArrive, handleCancelBranches, handleSkip } from './arrive.js';
import type { DecisionContext } from './decision-context.js';
import { handleAttemptTimedOut, handleComplete, handleFail } from './finish-step.js';
import { handleCheckRunDone, handleFailRun, handleStepFinished } from './finish-run.js';
import { handleResumeStep } from './handle-waits.js';
import type { WorkItem } from './work-item.js';

/** Work items one decision may run before it is refused as a runaway (no workflow needs nearly this many). */
export const DEFAULT_MAX_WORK_ITEMS = 100_000;

/**
 * Runs the items the input handler queued, and the items they queue, until none is left: one
 * loop, no recursion between handlers. Each handler's items run before those queued earlier
 * (depth-first, the order the events are recorded in). Returns false when more than `limit`
 * items ran, i.e. the decision would never end.
 */
export function drainWorkQueue(ctx: DecisionContext, limit: number = DEFAULT_MAX_WORK_ITEMS): boolean {
  const queue: WorkItem[] = ctx.followUps;
  ctx.followUps = [];
  for (let ran = 0; queue.length > 0; ran++) {
    if (ran >= limit) return false;
    runItem(ctx, queue.shift()!);
    if (ctx.followUps.length > 0) {
      queue.unshift(...ctx.followUps);
      ctx.followUps = [];
    }
  }
  return true;
}

function runItem(ctx: DecisionContext, item: WorkItem): void {
  switch (item.type) {
    case 'activate': return handleActivate(ctx, item);
    case 'perform': return handlePerform(ctx, item);
    case 'arrive': return handleArrive(ctx, item);
    case 'skip': return handleSkip(ctx, item);
    case 'cancelBranches': return handleCancelBranches(ctx, item);
    case 'complete': return handleComplete(ctx, item);
    case 'fail': return handleFail(ctx, item);
    case 'attemptTimedOut': return handleAttemptTimedOut(ctx, item);
    case 'stepFinished': return handleStepFinished(ctx, item);
    case 'checkRunDone': return handleCheckRunDone(ctx);
    case 'failRun': return handleFailRun(ctx, item);
    case 'resumeStep': return handleResumeStep(ctx, item);
    default: return assertNever(item);
  }
}
