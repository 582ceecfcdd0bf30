import { isPersonType, performerOf } from '@sopflow/format';
import type { DelegationState, NodeType, WorkflowNode } from '@sopflow/format';

/**
 * What delegation means for a step: `person` (a person performs it today: it may be trialled with an
 * agent), `agent` (an agent performs it: its level of autonomy is what moves), `automated` (a machine
 * step: already automated, never ranked) or `not_applicable` (routing, events, organisations).
 */
export type DelegationScope = 'person' | 'agent' | 'automated' | 'not_applicable';

/** Node types no agent can act as (as the format's `delegation-not-applicable` rule says). */
const NO_PERFORMER: ReadonlySet<NodeType> = new Set<NodeType>(['event', 'gateway', 'company', 'department']);

/** Pure; the step's delegation scope, from the one performer rule in @sopflow/format (`performerOf`). */
export function delegationScope(node: WorkflowNode): DelegationScope {
  if (NO_PERFORMER.has(node.type)) return 'not_applicable';
  switch (performerOf(node)) {
    case 'human': return 'person';
    case 'agent': return 'agent';
    case 'system': return 'automated';
  }
}

/**
 * Pure; the rung a step stands on: its `delegation_state`, else `human_only` for a person's step and
 * `agent_autonomous` for an agent step without one (the engine runs it unreviewed).
 */
export function currentDelegationState(node: WorkflowNode): DelegationState {
  if (isPersonType(node.type)) return node.delegationState ?? 'human_only';
  return node.delegationState ?? (performerOf(node) === 'agent' ? 'agent_autonomous' : 'human_only');
}
