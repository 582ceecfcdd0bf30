import type { WorkflowNode } from '../model/workflow.js';
import { isPersonType } from './performer-of.js';

/**
 * Why a person approves a step. `approval_gate`, `human_auth_required` and `auth_level` (on a step
 * a person does not perform) make the engine open an authorisation task before the step acts;
 * `agent_supervised` makes it open a review of the agent's proposal before the step completes.
 */
export type ApprovalReason = 'approval_gate' | 'human_auth_required' | 'auth_level' | 'agent_supervised';

/** What the approval rule says about one step. */
export interface ApprovalRequirement {
  /** A person approves, authorises or reviews the step before its effect stands. */
  required: boolean;
  /** The engine opens an authorisation task before the step acts (`approval_gate`, `human_auth_required`, `auth_level`). */
  beforeStep: boolean;
  /** The engine opens a review of the agent's proposal before the step completes (`agent_supervised`). */
  reviewAfter: boolean;
  /** Every reason that applies, in the order of `ApprovalReason`. */
  reasons: ApprovalReason[];
  /** The role that approves: the gate's `approver_role` when given. */
  approverRole?: string;
  /** Named approvers from the gate, when given. */
  approvers?: string[];
  /** The authorisation level the approver (or, on a human step, the performer) must hold. */
  authLevel?: string;
}

/**
 * Pure; the one definition of whether a step needs a person's approval, matching what the engine
 * enforces: an authorisation task before the step when it has a required approval gate,
 * `human_auth_required`, or an `auth_level` on a step that is not itself a human step; a review
 * after it when a step a machine or agent performs is delegated under supervision. On a human step
 * `auth_level` is the level its performer must hold and `delegation_state` has no effect (a person
 * does the work), so neither is a reason there.
 * @example approvalRequirement(node).required // "does a person approve this step?"
 */
export function approvalRequirement(node: WorkflowNode): ApprovalRequirement {
  const reasons: ApprovalReason[] = [];
  if (node.approvalGate?.required === true) reasons.push('approval_gate');
  if (node.humanAuthRequired === true) reasons.push('human_auth_required');
  if (node.authLevel !== undefined && node.type !== 'human') reasons.push('auth_level');
  const reviewAfter = node.delegationState === 'agent_supervised' && !isPersonType(node.type);
  if (reviewAfter) reasons.push('agent_supervised');
  const gate = node.approvalGate;
  return {
    required: reasons.length > 0,
    beforeStep: reasons.some((r) => r !== 'agent_supervised'),
    reviewAfter,
    reasons,
    ...(gate?.approverRole === undefined ? {} : { approverRole: gate.approverRole }),
    ...(gate?.approvers === undefined || gate.approvers.length === 0 ? {} : { approvers: [...gate.approvers] }),
    ...(node.authLevel === undefined ? {} : { authLevel: node.authLevel }),
  };
}

/** Pure; whether a person approves, authorises or reviews the step (`approvalRequirement(node).required`). */
export function needsApproval(node: WorkflowNode): boolean {
  return approvalRequirement(node).required;
}
