import type { Diagnostic } from '../../model/diagnostic.js';
import type { WorkflowNode } from '../../model/workflow.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

const HIGH = new Set(['high', 'critical']);

/**
 * Warning: a high- or critical-risk step with no approval gate, no `human_auth_required`, not
 * supervised (`delegation_state: agent_supervised`), and no human approval step directly before it.
 */
export const highRiskWithoutApproval: Rule = {
  code: 'high-risk-without-approval',
  name: 'Risky steps are approved by a person',
  check(ctx) {
    const { incoming, nodes } = workflowGraph(ctx.workflow);
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      const risk = node.riskLevel?.toLowerCase();
      if (risk === undefined || !HIGH.has(risk) || isApproved(node)) continue;
      const predecessors = (incoming.get(node.id) ?? []).map((e) => nodes.get(e.from));
      if (predecessors.length > 0 && predecessors.every((p) => p !== undefined && p.type === 'human' && isApproved(p))) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'warning',
        message: `node "${node.id}" is ${risk} risk but nobody approves it`,
        hint: 'add approval_gate: { required: true, approver_role: ... } or human_auth_required: true',
      }));
    }
    return diagnostics;
  },
};

function isApproved(node: WorkflowNode): boolean {
  return node.humanAuthRequired === true || node.approvalGate?.required === true || node.delegationState === 'agent_supervised';
}
