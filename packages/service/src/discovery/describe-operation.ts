import { approvalRequirement, performerOf, renderOutline, type ApprovalReason, type Diagnostic, type Workflow } from '@sopflow/format';

/** One step of a discovered operation: who performs it (the format's `performerOf`) and whether a person approves it (`approvalRequirement`). */
export interface OperationStep {
  /** 1-based, in the workflow's step order. */
  sequence_order: number;
  id: string;
  title: string;
  type: string;
  performer: 'human' | 'agent' | 'system';
  role: string | null;
  approval: { reasons: ApprovalReason[]; approverRole: string | null; authLevel: string | null } | null;
}

/** One operation a site offers: its collection entry, where its `.osop` lives, and what it does (when the `.osop` could be read and validated). */
export interface Operation {
  /** The entry's title, else the workflow's name, else the ref. */
  name: string;
  ref: string;
  url: string;
  section: string;
  workflowId: string | null;
  description: string | null;
  valid: boolean;
  steps: OperationStep[];
  /** Each role (or "(no role)") with the steps it performs, in step order. */
  whoDoesWhat: { role: string; steps: string[] }[];
  /** The steps a person approves, authorises or reviews, with why. */
  approvals: { step: string; reasons: ApprovalReason[]; approverRole: string | null }[];
  /** The format's plain-text outline (lanes by role, approvals, timeouts, decisions); empty when the `.osop` did not validate. */
  outline: string;
  /** Errors that kept the `.osop` from validating, or why it could not be read. */
  problems: { code: string; message: string; line?: number; column?: number }[];
}

/** Pure; what a validated workflow does, as a discovered operation. */
export function describeOperation(entry: { name: string; ref: string; url: string; section: string; description: string | null }, workflow: Workflow): Operation {
  const steps: OperationStep[] = workflow.nodes.map((node, index) => {
    const approval = approvalRequirement(node);
    return {
      sequence_order: index + 1, id: node.id, title: node.name, type: node.type, performer: performerOf(node), role: node.role ?? null,
      approval: approval.required ? { reasons: approval.reasons, approverRole: approval.approverRole ?? null, authLevel: approval.authLevel ?? null } : null,
    };
  });
  const roles = new Map<string, string[]>();
  for (const step of steps) {
    const role = step.role ?? '(no role)';
    roles.set(role, [...(roles.get(role) ?? []), step.title]);
  }
  return {
    ...entry, workflowId: workflow.id, description: entry.description ?? workflow.description ?? null, valid: true, steps,
    whoDoesWhat: [...roles].map(([role, titles]) => ({ role, steps: titles })),
    approvals: steps.flatMap((s) => (s.approval === null ? [] : [{ step: s.title, reasons: s.approval.reasons, approverRole: s.approval.approverRole }])),
    outline: renderOutline(workflow), problems: [],
  };
}

/** Pure; an operation whose `.osop` could not be read or did not validate: the entry alone, with the problems. */
export function unreadableOperation(entry: { name: string; ref: string; url: string; section: string; description: string | null }, problems: readonly (Diagnostic | { code: string; message: string })[]): Operation {
  return {
    ...entry, workflowId: null, valid: false, steps: [], whoDoesWhat: [], approvals: [], outline: '',
    problems: problems.map((p) => ({ code: p.code, message: p.message, ...('line' in p && p.line !== undefined ? { line: p.line, column: p.column } : {}) })),
  };
}
