import { approvalRequirement, isHighRisk, needsApproval, performerOf } from '@sopflow/format';
import type { ApprovalReason, Workflow, WorkflowNode } from '@sopflow/format';
import type { WorkflowDiff } from './diff-workflows.js';
import { summariseFailurePaths } from './failure-path-changes.js';
import type { NodeMatching } from './match-nodes.js';
import { concurrentPairs, forwardReach, areOrdered } from './step-order.js';

export type ChangeSeverity = 'critical' | 'warning' | 'info';

/** One change described in the words a reviewer uses. */
export interface SemanticChange {
  code: string;
  severity: ChangeSeverity;
  message: string;
  nodes: string[];
}

const REASON_WORDS: Record<ApprovalReason, string> = {
  approval_gate: 'approval gate', human_auth_required: 'human_auth_required', auth_level: 'auth_level', agent_supervised: 'supervision of the agent',
};

const isDecision = (n: WorkflowNode): boolean => n.kind === 'decision' || n.type === 'gateway';
const label = (n: WorkflowNode): string => (n.name !== n.id ? `"${n.name}" (${n.id})` : `"${n.id}"`);

/**
 * Pure; the semantic summary of a workflow diff, most severe first: approvals removed, weakened
 * or added (by the one approval rule, `approvalRequirement`), failure paths removed or added,
 * performer changes (human ↔ agent), steps newly in parallel or in sequence, timeouts, SLAs,
 * retries, authorisation levels, roles, decisions, risk, added/removed/renamed steps.
 */
export function summariseWorkflowChanges(a: Workflow, b: Workflow, matching: NodeMatching, diff: WorkflowDiff): SemanticChange[] {
  const out: SemanticChange[] = [];
  const add = (code: string, severity: ChangeSeverity, message: string, nodes: string[]): void => { out.push({ code, severity, message, nodes }); };
  const levelIndex = (w: Workflow, level?: string): number => (level === undefined ? -1 : w.authLevels.indexOf(level));
  for (const { a: x, b: y } of matching.matched) {
    const risky = isHighRisk(x) || isHighRisk(y) || x.kind === 'action_physical';
    const rx = approvalRequirement(x);
    const ry = approvalRequirement(y);
    if (rx.required && !ry.required) {
      add('approval-removed', risky ? 'critical' : 'warning', `approval gate removed from ${risky ? 'a high-risk step' : 'step'} ${label(y)} (was: ${rx.reasons.map((r) => REASON_WORDS[r]).join(', ')})`, [y.id]);
    } else if (ry.required) {
      const lost = rx.reasons.filter((r) => !ry.reasons.includes(r));
      if (lost.length > 0) add('approval-weakened', 'warning', `${lost.map((r) => REASON_WORDS[r]).join(', ')} removed from ${label(y)}; a person still approves it (${ry.reasons.join(', ')})`, [y.id]);
    }
    if (!rx.required && ry.required) add('approval-added', 'info', `approval gate added to ${label(y)}`, [y.id]);
    const p = performerOf(x);
    const q = performerOf(y);
    if (p !== q) add('performer-changed', q === 'agent' && p === 'human' ? 'warning' : 'info', `step ${label(y)} moved from ${p} to ${q}`, [y.id]);
    if (x.timeoutSec !== undefined && y.timeoutSec !== undefined && x.timeoutSec !== y.timeoutSec) {
      const shorter = y.timeoutSec < x.timeoutSec;
      add(shorter ? 'timeout-shortened' : 'timeout-lengthened', 'info', `timeout ${shorter ? 'shortened' : 'lengthened'} on ${label(y)}: ${x.timeoutSec}s → ${y.timeoutSec}s`, [y.id]);
    } else if ((x.timeoutSec === undefined) !== (y.timeoutSec === undefined)) {
      add(y.timeoutSec === undefined ? 'timeout-removed' : 'timeout-added', y.timeoutSec === undefined ? 'warning' : 'info',
        `timeout ${y.timeoutSec === undefined ? `removed from ${label(y)} (was ${x.timeoutSec}s)` : `added to ${label(y)}: ${y.timeoutSec}s`}`, [y.id]);
    }
    if (x.sla?.dueSec !== y.sla?.dueSec && x.sla?.dueSec !== undefined && y.sla?.dueSec !== undefined) {
      add('sla-changed', 'info', `SLA on ${label(y)} ${y.sla.dueSec < x.sla.dueSec ? 'tightened' : 'relaxed'}: ${x.sla.dueSec}s → ${y.sla.dueSec}s`, [y.id]);
    }
    const tx = x.retryPolicy?.maxRetries ?? 0;
    const ty = y.retryPolicy?.maxRetries ?? 0;
    if (tx !== ty) add('retries-changed', 'info', `retries on ${label(y)} ${ty < tx ? 'reduced' : 'increased'} from ${tx} to ${ty}`, [y.id]);
    const lx = levelIndex(a, x.authLevel);
    const ly = levelIndex(b, y.authLevel);
    if (x.authLevel !== y.authLevel) {
      const lowered = ly < lx;
      add(lowered ? 'auth-lowered' : 'auth-raised', lowered ? 'warning' : 'info', `authorisation on ${label(y)} ${lowered ? 'lowered' : 'raised'}: ${x.authLevel ?? 'none'} → ${y.authLevel ?? 'none'}`, [y.id]);
    }
    if (x.role !== y.role) add('role-changed', 'info', `step ${label(y)} now performed by ${y.role ?? 'no role'} (was ${x.role ?? 'no role'})`, [y.id]);
    if (x.riskLevel !== y.riskLevel && y.riskLevel !== undefined) add('risk-changed', 'info', `risk of ${label(y)} now ${y.riskLevel} (was ${x.riskLevel ?? 'unset'})`, [y.id]);
    if (x.riskLevel !== undefined && y.riskLevel === undefined) add('risk-removed', isHighRisk(x) ? 'warning' : 'info', `risk flag removed from ${label(y)} (was ${x.riskLevel})`, [y.id]);
    if (x.onFailure !== undefined && y.onFailure === undefined) add('escalation-removed', 'warning', `failure escalation removed from ${label(y)}`, [y.id]);
    if (!isDecision(x) && isDecision(y)) add('decision-added', 'info', `new decision ${label(y)}`, [y.id]);
  }
  for (const n of matching.removed) {
    if (needsApproval(n)) add('approval-removed', isHighRisk(n) ? 'critical' : 'warning', `approval step ${label(n)} removed`, [n.id]);
    else add('step-removed', isDecision(n) ? 'warning' : 'info', `${isDecision(n) ? 'decision' : 'step'} ${label(n)} removed`, [n.id]);
  }
  for (const n of matching.added) {
    if (isDecision(n)) add('decision-added', 'info', `new decision ${label(n)}`, [n.id]);
    else if (needsApproval(n)) add('approval-added', 'info', `new approval step ${label(n)}`, [n.id]);
    else add('step-added', 'info', `new step ${label(n)} (${n.type})`, [n.id]);
  }
  for (const r of diff.nodes.renamed) add('step-renamed', 'info', `step "${r.from}" renamed to "${r.to}" (similarity ${r.score})`, [r.to]);
  const branchFroms = new Set(a.edges.filter((e) => e.mode === 'conditional' || e.mode === 'switch').map((e) => e.from));
  for (const e of diff.edges.added) {
    if ((e.mode === 'conditional' || e.mode === 'switch') && !branchFroms.has(e.from) && !matching.added.some((n) => n.id === e.from)) {
      branchFroms.add(e.from);
      add('decision-added', 'info', `new decision after "${e.from}"${e.when ? ` (when ${e.when})` : ''}`, [e.from]);
    }
  }
  for (const e of diff.edges.changed) {
    const when = e.fields.find((f) => f.field === 'when');
    if (when === undefined) continue;
    const target = b.nodes.find((n) => n.id === e.to);
    const gate = target !== undefined && (needsApproval(target) || a.nodes.some((n) => n.id === e.to && needsApproval(n)));
    add('condition-changed', gate ? 'warning' : 'info', `branch condition "${e.from}" → "${e.to}"${gate ? ' (an approval step)' : ''} changed: ${String(when.before ?? 'none')} → ${String(when.after ?? 'none')}`, [e.from, e.to]);
  }
  summariseFailurePaths(a, b, diff, add);
  summariseOrder(a, b, matching, add);
  const rank: Record<ChangeSeverity, number> = { critical: 0, warning: 1, info: 2 };
  return out.sort((p, q) => rank[p.severity] - rank[q.severity]);
}

function summariseOrder(a: Workflow, b: Workflow, matching: NodeMatching, add: (code: string, s: ChangeSeverity, m: string, n: string[]) => void): void {
  const toA = new Map(matching.matched.map((m) => [m.b.id, m.a.id]));
  const reachA = forwardReach(a);
  const concurrentA = new Set(concurrentPairs(a).map((p) => p.join('\u0000')));
  const concurrentB = concurrentPairs(b);
  const concurrentBKeys = new Set<string>();
  for (const [x, y] of concurrentB) {
    const ax = toA.get(x);
    const ay = toA.get(y);
    if (ax === undefined || ay === undefined) continue;
    concurrentBKeys.add([ax, ay].sort().join('\u0000'));
    if (areOrdered(reachA, ax, ay)) add('now-parallel', 'info', `"${x}" and "${y}" now run in parallel (were in sequence)`, [x, y]);
  }
  const reachB = forwardReach(b);
  const toB = new Map(matching.matched.map((m) => [m.a.id, m.b.id]));
  for (const key of concurrentA) {
    if (concurrentBKeys.has(key)) continue;
    const [ax, ay] = key.split('\u0000');
    const x = toB.get(ax);
    const y = toB.get(ay);
    if (x !== undefined && y !== undefined && areOrdered(reachB, x, y)) add('now-sequential', 'info', `"${x}" and "${y}" now run in sequence (were in parallel)`, [x, y]);
  }
}
