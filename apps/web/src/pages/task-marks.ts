import type { Task } from '../api/api-types';

const ESCALATION_WORDS: Record<string, string> = {
  LOW_CONFIDENCE: "the agent's confidence was below what the step needs; check its proposal",
  NO_MODEL: 'no model is configured for this agent step; a person does it',
  TIMEOUT: 'the step ran out of time',
  FAILED: 'the step failed; finish it by hand or report it not done',
  AUTH_DENIED: 'an approval was denied',
  UNKNOWN_OUTCOME: 'the step’s result was lost; say whether it happened',
};

/** Pure; why a task was escalated to a person, in words; null for a task that is not an escalation. */
export function escalationOf(task: Pick<Task, 'kind' | 'reason'>): string | null {
  if (task.kind !== 'escalation') return null;
  return task.reason === null ? 'escalated to a person' : ESCALATION_WORDS[task.reason] ?? task.reason;
}

/** Pure; true when the task was due before `now`. */
export function isOverdue(task: Pick<Task, 'dueAt'>, now: Date = new Date()): boolean {
  return task.dueAt !== null && new Date(task.dueAt).getTime() < now.getTime();
}

/** Pure; true when the task asks a person to check what an agent proposed (a low-confidence or supervised review). */
export function isProposalReview(task: Pick<Task, 'reason'>): boolean {
  return task.reason === 'LOW_CONFIDENCE' || task.reason === 'agent_supervised';
}
