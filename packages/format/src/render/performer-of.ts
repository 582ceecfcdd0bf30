import type { Performer } from '../model/node-type.js';
import type { WorkflowNode } from '../model/workflow.js';

/**
 * Pure; who carries a step out. Agent types, and any step delegated to an agent
 * (agent_supervised / agent_autonomous), are `agent`; human, company and department steps (and
 * trialing ones, where the person's answer counts) are `human`; everything else is `system`.
 */
export function performerOf(node: WorkflowNode): Performer {
  if (node.delegationState === 'agent_supervised' || node.delegationState === 'agent_autonomous') return 'agent';
  switch (node.type) {
    case 'agent':
      return 'agent';
    case 'human':
    case 'company':
    case 'department':
      return 'human';
    case 'api':
    case 'cli':
    case 'db':
    case 'git':
    case 'docker':
    case 'cicd':
    case 'mcp':
    case 'system':
    case 'infra':
    case 'data':
    case 'event':
    case 'gateway':
      return 'system';
    default:
      return assertNever(node.type);
  }
}

/** Pure; whether a person must approve or authorise the step before it takes effect. */
export function needsApproval(node: WorkflowNode): boolean {
  return node.approvalGate?.required === true || node.humanAuthRequired === true || node.delegationState === 'agent_supervised';
}

/** Pure; whether the step's declared risk is high or critical. */
export function isHighRisk(node: WorkflowNode): boolean {
  return node.riskLevel === 'high' || node.riskLevel === 'critical';
}

function assertNever(value: never): never {
  throw new Error(`unexpected node type ${String(value)}`);
}
