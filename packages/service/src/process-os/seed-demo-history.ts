import { addAccountUser } from './add-account-user.js';
import { createDraftVersion, editDraftVersion, publishSopVersion } from './change-sop-version.js';
import { createSop } from './create-sop.js';
import { recordDelegationTrial } from './delegation-trials.js';
import { createDemoHistory, type DemoAnswer } from './demo-history.js';
import { expenseClaim, PURCHASE_REQUEST } from './demo-sops.js';
import { publishSop } from './publish-sop.js';
import { createSeededRandom, type SeededRandom } from './seeded-random.js';
import type { TenantTaskView } from './tenant-tasks.js';
import type { ProcessContext } from './tenant-actor.js';

/** The demo's people (no password: they exist to have done the history's tasks), each an operator with step roles. */
export const DEMO_PEOPLE = {
  requester: 'sam@example.com',
  employee: 'noor@example.com',
  budgetHolder: 'dana@example.com',
  financeLead: 'farid@example.com',
  clerk: 'grace@example.com',
  head: 'li@example.com',
} as const;

const STEP_ROLES: Record<keyof typeof DEMO_PEOPLE, string[]> = {
  requester: ['employee'], employee: ['employee'], budgetHolder: ['budget-holder'], financeLead: ['finance-lead'], clerk: ['finance-clerk'], head: ['department-head'],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SEED = 20260301;
const PURCHASE_RUNS = 14;
const EXPENSE_RUNS_V1 = 12;
const EXPENSE_RUNS_V11 = 16;
const CATEGORIES = ['travel', 'meals', 'equipment', 'training'] as const;

export interface DemoHistorySeeded { sops: number; runs: number; trials: number }

/**
 * The demo's run history, over the six weeks before `now`, run by the engine on a simulated clock
 * (createDemoHistory) with a seeded generator, so every seed of a fresh store tells the same story:
 * a purchase request SOP (14 runs: two denied, two escalated to the finance lead after four hours)
 * and an expense claim SOP (12 runs on 1.0 with a department head's sign-off, then 16 on 1.1 without
 * it; two receipts fail the scanner and go back to the employee; a delegation trial recorded on
 * every review, two of them disagreeing).
 */
export async function seedDemoHistory(owner: ProcessContext, tenant: { id: string; slug: string }, workstreamId: string, now: Date): Promise<DemoHistorySeeded> {
  for (const [key, email] of Object.entries(DEMO_PEOPLE)) {
    await addAccountUser(owner, { tenant: tenant.slug, email, roles: ['operator', ...STEP_ROLES[key as keyof typeof DEMO_PEOPLE]] });
  }
  const random = createSeededRandom(SEED);
  const history = createDemoHistory(owner, tenant.id, random);
  const starts = workdayStarts(random, now, PURCHASE_RUNS + EXPENSE_RUNS_V1 + EXPENSE_RUNS_V11);
  const purchaseStarts = starts.filter((_, i) => i % 2 === 1).slice(0, PURCHASE_RUNS);
  const expenseStarts = starts.filter((t) => !purchaseStarts.includes(t));

  const purchase = await createSop(owner, { osop: PURCHASE_REQUEST, workstreamId });
  await publishSop(owner, purchase.id);
  for (const [i, startAt] of purchaseStarts.entries()) {
    await history.run(purchase.id, { startAt, startedBy: i % 3 === 0 ? DEMO_PEOPLE.employee : DEMO_PEOPLE.requester, answer: purchaseAnswer(random, i) });
  }

  const expense = await createSop(owner, { osop: expenseClaim('1.0.0'), workstreamId });
  await publishSop(owner, expense.id);
  const reviews: { runId: string; data: Record<string, unknown> }[] = [];
  const runExpense = async (startAt: Date, i: number) => {
    const review: { data?: Record<string, unknown> } = {};
    const runId = await history.run(expense.id, {
      startAt, startedBy: i % 2 === 0 ? DEMO_PEOPLE.requester : DEMO_PEOPLE.employee, failing: i === 5 || i === 19 ? ['check_receipt'] : [],
      answer: (task) => {
        const answer = expenseAnswer(random, task, i);
        if (task.stepId === 'review') review.data = answer.data;
        return answer;
      },
    });
    if (review.data !== undefined) reviews.push({ runId, data: review.data });
  };
  for (const [i, startAt] of expenseStarts.slice(0, EXPENSE_RUNS_V1).entries()) await runExpense(startAt, i);
  const draft = await createDraftVersion(owner, expense.id);
  await editDraftVersion(owner, expense.id, draft.id, { osop: expenseClaim('1.1.0') });
  await publishSopVersion(owner, expense.id, draft.id);
  for (const [i, startAt] of expenseStarts.slice(EXPENSE_RUNS_V1).entries()) await runExpense(startAt, EXPENSE_RUNS_V1 + i);

  const clerk = { ...owner, actor: await history.actor(DEMO_PEOPLE.clerk) };
  for (const [i, { runId, data }] of reviews.entries()) {
    // The agent in shadow read two claims' categories differently from the clerk.
    const agentOutput = i === 7 || i === 18 ? { ...data, category: data.category === 'meals' ? 'travel' : 'meals' } : data;
    await recordDelegationTrial(clerk, expense.id, 'review', { runId, personOutput: data, agentOutput });
  }
  return { sops: 2, runs: purchaseStarts.length + expenseStarts.length, trials: reviews.length };
}

/** Pure but for the draws; `count` run starts on workdays between 08:30 and 16:30, over the six weeks before the day before `now`, oldest first. */
function workdayStarts(random: SeededRandom, now: Date, count: number): Date[] {
  const end = new Date(now);
  end.setUTCHours(0, 0, 0, 0);
  const days: number[] = [];
  for (let day = end.getTime() - 42 * DAY; day < end.getTime() - DAY; day += DAY) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  const starts: number[] = [];
  for (let i = 0; i < count; i++) {
    const day = days[Math.floor((i / count) * days.length)]!;
    starts.push(day + 8.5 * HOUR + Math.round(random.between(0, 8 * HOUR) / MINUTE) * MINUTE);
  }
  return starts.sort((a, b) => a - b).map((t) => new Date(t));
}

/** The budget holder answers within minutes to hours; two requests are denied, and two wait past four hours and go to the finance lead. */
function purchaseAnswer(random: SeededRandom, i: number): (task: TenantTaskView) => DemoAnswer {
  return (task) => {
    if (task.kind === 'escalation') return { afterMs: minutes(random, 15, 55), by: DEMO_PEOPLE.financeLead, decision: 'approved' };
    if (i === 4 || i === 10) return { afterMs: minutes(random, 300, 420), by: DEMO_PEOPLE.budgetHolder, decision: 'approved' };
    const afterMs = minutes(random, 12, random.chance(0.3) ? 200 : 75);
    if (i === 2) return { afterMs, by: DEMO_PEOPLE.budgetHolder, decision: 'denied', reason: 'over budget this quarter' };
    if (i === 9) return { afterMs, by: DEMO_PEOPLE.budgetHolder, decision: 'denied', reason: 'buy it from the framework supplier instead' };
    return { afterMs, by: DEMO_PEOPLE.budgetHolder, decision: 'approved' };
  };
}

function expenseAnswer(random: SeededRandom, task: TenantTaskView, i: number): DemoAnswer {
  switch (task.stepId) {
    case 'fix_claim':
      return { afterMs: minutes(random, 25, 140), by: i % 2 === 0 ? DEMO_PEOPLE.requester : DEMO_PEOPLE.employee, decision: 'done' };
    case 'review':
      return { afterMs: minutes(random, 6, 38), by: DEMO_PEOPLE.clerk, decision: 'done', data: { category: random.pick(CATEGORIES), within_policy: !random.chance(0.1) } };
    case 'head_sign_off':
      return { afterMs: minutes(random, 20, 260), by: DEMO_PEOPLE.head, decision: 'done' };
    default:
      throw new Error(`the demo history has no answer for step ${task.stepId} (${task.kind})`);
  }
}

function minutes(random: SeededRandom, min: number, max: number): number {
  return Math.round(random.between(min, max)) * MINUTE;
}
