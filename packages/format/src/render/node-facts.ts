import type { WorkflowNode } from '../model/workflow.js';
import { formatDuration } from './format-duration.js';
import { needsApproval } from '../rules/approval-requirement.js';
import { performerOf } from '../rules/performer-of.js';

/** Pure; the short facts shown next to a step in diagrams: performer, approval, risk, timeout. */
export function nodeFacts(node: WorkflowNode): string[] {
  const facts: string[] = [performerOf(node)];
  if (needsApproval(node)) facts.push(node.approvalGate?.approverRole === undefined ? 'approval' : `approval: ${node.approvalGate.approverRole}`);
  if (node.riskLevel !== undefined) facts.push(`risk ${node.riskLevel}`);
  if (node.timeoutSec !== undefined) facts.push(`timeout ${formatDuration(node.timeoutSec)}`);
  if (node.workflowRef !== undefined) facts.push(`runs ${node.workflowRef}`);
  return facts;
}

/** Pure; the display name: `name` when the author gave one different from the id, else the id. */
export function displayName(node: WorkflowNode): string {
  return node.name.trim() === '' ? node.id : node.name;
}

/** Pure; roles in order of first appearance, then `undefined` for steps without a role, if any. */
export function lanesOf(nodes: readonly WorkflowNode[]): (string | undefined)[] {
  const lanes: (string | undefined)[] = [];
  let unassigned = false;
  for (const node of nodes) {
    if (node.role === undefined || node.role.trim() === '') unassigned = true;
    else if (!lanes.includes(node.role)) lanes.push(node.role);
  }
  if (unassigned) lanes.push(undefined);
  return lanes;
}

