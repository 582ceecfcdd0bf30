import { approvalRequirement, isHighRisk } from '@sopflow/format';
import type { Workflow, WorkflowNode } from '@sopflow/format';
import type { DelegationPolicy } from './delegation-policy.js';

/** Something that keeps a step with a person whatever the evidence. */
export interface DelegationCap {
  cap: 'risk' | 'approval_gate' | 'auth_level' | 'jurisdiction';
  reason: string;
}

/**
 * Pure; what caps a step (no promotion while any applies): a high or critical risk level, an approval
 * a person gives before the step acts (the format's `approvalRequirement`: a gate, `human_auth_required`,
 * `auth_level` on a machine step), an authorisation level above the lowest the process declares, and a
 * declared jurisdiction the policy does not allow agents under.
 */
export function delegationCaps(node: WorkflowNode, workflow: Workflow, policy: DelegationPolicy): DelegationCap[] {
  const caps: DelegationCap[] = [];
  if (isHighRisk(node)) caps.push({ cap: 'risk', reason: `risk level ${node.riskLevel}: a person keeps this step` });
  const approval = approvalRequirement(node);
  const before = approval.reasons.filter((r) => r === 'approval_gate' || r === 'human_auth_required');
  if (before.length > 0) caps.push({ cap: 'approval_gate', reason: `a person authorises it before it acts (${before.join(', ').replace(/_/g, ' ')})` });
  if (node.authLevel !== undefined && workflow.authLevels.indexOf(node.authLevel) !== 0) {
    caps.push({ cap: 'auth_level', reason: `needs authorisation level ${node.authLevel}` });
  }
  const restricted = workflow.jurisdiction.filter((j) => !policy.allowedJurisdictions.includes(j));
  if (restricted.length > 0) {
    caps.push({ cap: 'jurisdiction', reason: `the process is under ${restricted.join(', ')}, where agents are not allowed by the policy (allow with --allow-jurisdiction)` });
  }
  return caps;
}
