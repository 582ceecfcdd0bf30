import type { Workflow, WorkflowNode } from '@sopflow/format';
import { approvalRequirement, performerOf as performerInFormat } from '@sopflow/format';

/**
 * Pure; whether a step may be run again after a crash left its outcome unknown. `idempotent:` on
 * the node wins; otherwise false for cli, api other than GET/HEAD, db writes and mcp; true otherwise.
 */
export function isIdempotent(node: WorkflowNode): boolean {
  if (node.idempotent !== undefined) return node.idempotent;
  switch (node.type) {
    case 'cli':
    case 'mcp':
      return false;
    case 'api': {
      const method = String(node.runtime?.method ?? 'GET').toUpperCase();
      return method === 'GET' || method === 'HEAD';
    }
    case 'db': {
      const query = String(node.runtime?.query ?? node.runtime?.sql ?? node.runtime?.action ?? '').trim().toLowerCase();
      return query.startsWith('select') || query === 'read' || query === 'query';
    }
    default:
      return true;
  }
}

/** Pure; the performer of a step's work, from its type and delegation state. */
export type Performer = 'person' | 'executor' | 'trial' | 'supervised' | 'noop';

const PERSON_TYPES: ReadonlySet<string> = new Set(['human', 'company', 'department']);

/**
 * Pure; the step completes at once with its inputs as output: a gateway, or `runtime.action: noop`
 * on any node a machine would run (not a person's type, not an agent). The one test both the
 * decision (`performerOf`) and the run loop's executor choice use.
 */
export function isNoopStep(node: WorkflowNode): boolean {
  if (node.type === 'gateway') return true;
  return node.runtime?.action === 'noop' && !PERSON_TYPES.has(node.type) && node.type !== 'agent';
}

export function performerOf(node: WorkflowNode, executorTypes: readonly string[]): Performer {
  if (isNoopStep(node)) return 'noop';
  if (PERSON_TYPES.has(node.type)) return 'person';
  switch (node.delegationState) {
    case 'human_only': return 'person';
    case 'trialing': return 'trial';
    case 'agent_supervised': return 'supervised';
    default: return executorTypes.includes(node.type) ? 'executor' : 'person';
  }
}

/** Pure; an authorisation task is needed before this step acts (the one approval rule in @sopflow/format). */
export function needsAuthorisation(node: WorkflowNode): boolean {
  return approvalRequirement(node).beforeStep;
}

/**
 * Pure; the person who performs the step can give its approval in the same task, so one task
 * (approve / deny / complete) replaces "Authorise X" followed by "X": a person performs it (the
 * format's performer rule says `human`) and the gate names no approver role other than the step's.
 */
export function performerCarriesApproval(node: WorkflowNode): boolean {
  const approverRole = node.approvalGate?.approverRole;
  return performerInFormat(node) === 'human' && (approverRole === undefined || approverRole === node.role);
}

/**
 * Pure; the role the workflow's `escalation_paths` names for an escalation code (an entry whose id
 * is the code, any case: `escalation_paths: { LOW_CONFIDENCE: senior_reviewer }` or
 * `[{ id: LOW_CONFIDENCE, role: senior_reviewer }]`), or undefined when none does.
 */
export function escalationRoleFor(workflow: Workflow, code: string): string | undefined {
  return workflow.escalationPaths.find((p) => p.id.toUpperCase() === code && p.role !== undefined)?.role;
}

/** Pure; attempts allowed in total (first try plus retries). */
export function maxAttempts(node: WorkflowNode): number {
  return 1 + Math.max(0, node.retryPolicy?.maxRetries ?? 0);
}

/** Pure; seconds to wait before attempt `nextAttempt` (2, 3, ...). */
export function retryDelaySec(node: WorkflowNode, nextAttempt: number): number {
  const policy = node.retryPolicy;
  if (policy === undefined) return 0;
  const base = Math.max(0, policy.backoffSec);
  const delay = policy.strategy === 'exponential_backoff' ? base * 2 ** Math.max(0, nextAttempt - 2) : base;
  return policy.maxBackoffSec === undefined ? delay : Math.min(delay, policy.maxBackoffSec);
}

/** Pure; whether an error may be retried under the node's policy. */
export function isRetryable(node: WorkflowNode, code: string, retryable: boolean): boolean {
  return retryable && !(node.retryPolicy?.nonRetryable ?? []).includes(code);
}

/** Pure; share of the person's output fields the agent's shadow output matched (0..1). */
export function agreementOf(person: Record<string, unknown>, agent: Record<string, unknown> | undefined): number {
  if (agent === undefined) return 0;
  const keys = Object.keys(person);
  if (keys.length === 0) return Object.keys(agent).length === 0 ? 1 : 0;
  const same = keys.filter((k) => JSON.stringify(person[k]) === JSON.stringify(agent[k])).length;
  return Math.round((same / keys.length) * 1000) / 1000;
}

/** Pure; a number in [0, 1) from the run's seed and a step, so weighted routing replays the same. */
export function seededFraction(seed: number, key: string): number {
  let h = (seed >>> 0) ^ 0x9e3779b9;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
