import type { Diagnostic, DocumentPath } from '../../model/diagnostic.js';
import { diagnosticAt } from '../diagnostic-at.js';
import type { Rule } from '../rule.js';

/**
 * Warning: the workflow lists its `roles` and a node's `role`, approver role or escalation role is
 * not among them (a typo sends work to nobody). Silent when the workflow lists no roles.
 */
export const unknownRole: Rule = {
  code: 'unknown-role',
  name: 'Roles are declared',
  check(ctx) {
    const { workflow } = ctx;
    if (workflow.roles.length === 0) return [];
    const known = new Set(workflow.roles.map((r) => r.toLowerCase()));
    const diagnostics: Diagnostic[] = [];
    const check = (role: string | undefined, path: DocumentPath, what: string): void => {
      if (role === undefined || known.has(role.toLowerCase())) return;
      diagnostics.push(diagnosticAt(ctx, path, {
        code: 'unknown-role',
        severity: 'warning',
        message: `${what} "${role}" is not one of the workflow's roles (${workflow.roles.slice(0, 8).join(', ')})`,
        hint: `add "${role}" to roles, or fix the spelling`,
      }));
    };
    for (const node of workflow.nodes) {
      check(node.role, [...node.path, 'role'], `node "${node.id}" role`);
      check(node.approvalGate?.approverRole, [...node.path, 'approval_gate', 'approver_role'], `node "${node.id}" approver_role`);
      check(node.onFailure?.role, [...node.path, 'on_failure'], `node "${node.id}" on_failure role`);
      check(node.onTimeout?.role, [...node.path, 'on_timeout'], `node "${node.id}" on_timeout role`);
    }
    workflow.escalationPaths.forEach((p, i) => check(p.role, ['escalation_paths', i, 'role'], `escalation path "${p.id}" role`));
    return diagnostics;
  },
};
