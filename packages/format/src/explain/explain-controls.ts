import type { Workflow, WorkflowNode } from '../model/workflow.js';
import { printable } from '../render/ansi-style.js';
import { formatDuration } from '../render/format-duration.js';
import { approvalRequirement, needsApproval } from '../rules/approval-requirement.js';
import { edgeModeTraits } from '../rules/edge-mode-traits.js';
import { isHighRisk } from '../rules/is-high-risk.js';
import { listText, namer, pushTo, section, stepName } from './explain-text.js';

/** Pure; "Approvals and escalations", "Time limits" and "Risks". */
export function explainControls(workflow: Workflow, ordered: readonly WorkflowNode[]): string[] {
  const name = namer(workflow);
  const outgoing = new Map<string, Workflow['edges']>();
  for (const edge of workflow.edges) pushTo(outgoing, edge.from, edge);
  const approvals: string[] = [];
  for (const n of ordered) {
    const gate = n.approvalGate;
    if (gate?.required === true) {
      const who = gate.approverRole ?? (gate.approvers !== undefined && gate.approvers.length > 0 ? listText(gate.approvers.map(printable)) : 'an approver');
      const deadline = gate.timeoutHours === undefined ? '' : ` (the request times out after ${formatDuration(gate.timeoutHours * 3600)})`;
      const bypass = gate.bypassAllowed === true ? '; the gate may be bypassed' : '';
      approvals.push(`- ${stepName(n)} needs approval from ${printable(who)} before it takes effect${deadline}${bypass}.`);
    }
    const requirement = approvalRequirement(n);
    const level = n.authLevel === undefined ? '' : ` at level ${printable(n.authLevel)} or higher`;
    if (requirement.reasons.includes('human_auth_required') || requirement.reasons.includes('auth_level')) {
      approvals.push(`- ${stepName(n)} needs a person's authorisation${level}.`);
    } else if (n.authLevel !== undefined) {
      approvals.push(`- ${stepName(n)} is meant for a person${level}.`);
    }
    for (const edge of outgoing.get(n.id) ?? []) {
      if (!edgeModeTraits(edge.mode).failurePath) continue;
      if (edge.mode === 'timeout') approvals.push(`- If ${stepName(n)} runs out of time, the work goes to ${name(edge.to)}.`);
      else if (edge.mode === 'compensation') approvals.push(`- If ${stepName(n)} has to be undone, ${name(edge.to)} undoes it.`);
      else approvals.push(`- If ${stepName(n)} fails, the work goes to ${name(edge.to)}.`);
    }
    if (n.onFailure?.node === undefined && n.onFailure?.role !== undefined) approvals.push(`- If ${stepName(n)} fails, it is escalated to ${printable(n.onFailure.role)}.`);
    if (n.onTimeout?.node === undefined && n.onTimeout?.role !== undefined) approvals.push(`- If ${stepName(n)} runs out of time, it is escalated to ${printable(n.onTimeout.role)}.`);
  }
  for (const path of workflow.escalationPaths) {
    const target = path.to !== undefined ? name(path.to) : path.role !== undefined ? printable(path.role) : 'a person';
    approvals.push(`- Escalation path ${printable(path.id)}: to ${target}${path.description === undefined ? '' : ` — ${printable(path.description)}`}.`);
  }

  const times: string[] = [];
  if (workflow.timeoutSec !== undefined) times.push(`- The whole run must finish within ${formatDuration(workflow.timeoutSec)}.`);
  for (const n of ordered) {
    if (n.timeoutSec !== undefined) times.push(`- ${stepName(n)} times out after ${formatDuration(n.timeoutSec)}.`);
    if (n.sla?.dueSec !== undefined) times.push(`- ${stepName(n)} should be done within ${formatDuration(n.sla.dueSec)} (SLA).`);
  }

  const risks: string[] = [];
  for (const n of ordered) {
    if (isHighRisk(n)) {
      risks.push(`- ${stepName(n)} is ${n.riskLevel} risk${needsApproval(n) ? ', and a person approves it' : ' and nobody approves it — consider an approval gate'}.`);
    }
    if (n.runtime?.shell === true) risks.push(`- ${stepName(n)} runs its command through a shell (high risk).`);
    for (const mode of n.failureModes) risks.push(`- ${stepName(n)} can fail with ${failureText(mode, name)}.`);
  }
  for (const mode of workflow.failureModes) risks.push(`- The process can fail with ${failureText(mode, name)}.`);
  return [...section('Approvals and escalations', approvals), ...section('Time limits', times), ...section('Risks', risks)];
}

function failureText(mode: Workflow['failureModes'][number], name: (id: string) => string): string {
  const what = printable(mode.description ?? mode.code ?? mode.id ?? 'an unnamed failure');
  const then = mode.goto !== undefined ? `; then it goes to ${name(mode.goto)}` : mode.mitigation !== undefined ? `; mitigation: ${printable(mode.mitigation)}` : '';
  return `${what}${then}`;
}
