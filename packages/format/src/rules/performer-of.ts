import type { NodeType, Performer } from '../model/node-type.js';
import type { WorkflowNode } from '../model/workflow.js';

/** Node types whose work a person (or an organisation's people) always does. */
const PERSON_TYPES: ReadonlySet<NodeType> = new Set<NodeType>(['human', 'company', 'department']);

/** Pure; whether steps of this type are always done by a person, whatever their delegation state. */
export function isPersonType(type: NodeType): boolean {
  return PERSON_TYPES.has(type);
}

/**
 * Pure; the one definition of who carries a step out, as the engine decides it from the workflow:
 * human, company and department steps are always a person's (`human`); gateways and machine steps
 * with `runtime.action: noop` complete at once (`system`); otherwise `human_only`
 * and `trialing` (the person's answer counts, an agent only shadows) make it `human`,
 * `agent_supervised` and `agent_autonomous` make it `agent`; with no delegation state, agent
 * steps are `agent` and every other type `system`.
 */
export function performerOf(node: WorkflowNode): Performer {
  if (isPersonType(node.type)) return 'human';
  if (node.type === 'gateway' || (node.runtime?.action === 'noop' && node.type !== 'agent')) return 'system';
  switch (node.delegationState) {
    case 'human_only':
    case 'trialing':
      return 'human';
    case 'agent_supervised':
    case 'agent_autonomous':
      return 'agent';
    case undefined:
      return node.type === 'agent' ? 'agent' : 'system';
    default:
      return assertNever(node.delegationState);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected delegation state ${String(value)}`);
}
