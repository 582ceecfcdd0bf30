import type { Diagnostic } from '../../model/diagnostic.js';
import { needsApproval } from '../../rules/approval-requirement.js';
import { isHighRisk } from '../../rules/is-high-risk.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';
import { workflowGraph } from '../workflow-graph.js';

/**
 * Warning: a high- or critical-risk step nobody approves — by the one approval rule
 * (`approvalRequirement`: gate, `human_auth_required`, `auth_level`, supervised agent) — and with
 * no human approval step directly before it.
 */
export const highRiskWithoutApproval: Rule = {
  code: 'high-risk-without-approval',
  name: 'Risky steps are approved by a person',
  check(ctx) {
    const { incoming, nodes } = workflowGraph(ctx.workflow);
    const diagnostics: Diagnostic[] = [];
    for (const node of ctx.workflow.nodes) {
      if (!isHighRisk(node) || needsApproval(node)) continue;
      const predecessors = (incoming.get(node.id) ?? []).map((e) => nodes.get(e.from));
      if (predecessors.length > 0 && predecessors.every((p) => p !== undefined && p.type === 'human' && needsApproval(p))) continue;
      diagnostics.push(diagnosticAt(ctx, [...node.path, 'id'], {
        code: this.code,
        severity: 'warning',
        message: `node "${node.id}" is ${node.riskLevel!.toLowerCase()} risk but nobody approves it`,
        hint: 'add approval_gate: { required: true, approver_role: ... } or human_auth_required: true',
      }));
    }
    return diagnostics;
  },
};
