import { approvalRequirement, edgeModeTraits } from '@sopflow/format';
import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import { concurrentPairs } from '../diff/step-order.js';
import type { SynthesisChange, SynthesisRemoval } from './synthesis-change.js';

/**
 * Pure; every safety element of `base` that `draft` lost — steps, approvals, authorisation levels,
 * risk flags, roles, runtimes, failure paths, conditional branches and parallel structure — each
 * with the evidence of the change that removed it (or "no run showed it" when none did).
 */
export function findSafetyRemovals(base: Workflow, draft: Workflow, changes: readonly SynthesisChange[], runs: number): SynthesisRemoval[] {
  const removals: SynthesisRemoval[] = [];
  const evidenceFor = (ids: readonly string[]): SynthesisChange['evidence'] => {
    const change = changes.find((c) => (c.kind === 'drop-step' || c.kind === 'drop-branch') && ids.every((id) => c.nodes.includes(id)))
      ?? changes.find((c) => ids.some((id) => c.nodes.includes(id)));
    return change?.evidence ?? { count: 0, of: runs, runIds: [] };
  };
  const push = (kind: SynthesisRemoval['kind'], nodes: string[], message: string, edge?: WorkflowEdge): void => {
    removals.push({ kind, nodes, ...(edge === undefined ? {} : { edge: { from: edge.from, to: edge.to, mode: edge.mode, ...(edge.when === undefined ? {} : { when: edge.when }) } }), message, evidence: evidenceFor(nodes) });
  };
  for (const x of base.nodes) {
    const y = draft.nodes.find((n) => n.id === x.id);
    const where = y === undefined ? `with "${x.id}"` : `from "${x.id}"`;
    if (y === undefined) {
      const change = changes.find((c) => c.kind === 'drop-step' && c.nodes[0] === x.id);
      push('step', [x.id], change?.message ?? `"${x.id}" is no longer in the process`);
    }
    const lost = approvalRequirement(x).reasons.filter((r) => y === undefined || !approvalRequirement(y).reasons.includes(r));
    if (lost.length > 0) push('approval_gate', [x.id], `approval (${lost.join(', ')}) removed ${where}`);
    for (const [kind, field, text] of ELEMENTS) {
      const before = x[field];
      if (kind === 'auth_level' && lost.includes('auth_level')) continue;
      if (before !== undefined && (y === undefined || JSON.stringify(y[field]) !== JSON.stringify(before))) push(kind, [x.id], `${text} ${show(before)} removed ${where}`);
    }
  }
  const has = (e: WorkflowEdge): boolean => draft.edges.some((f) => f.from === e.from && f.to === e.to && f.mode === e.mode && f.when === e.when);
  for (const e of base.edges) {
    if (has(e)) continue;
    const traits = edgeModeTraits(e.mode);
    if (traits.failurePath) push('failure_edge', [e.from, e.to], `${traits.undo ? 'undo' : 'failure'} path removed: ${e.from} → ${e.to} (${e.mode})`, e);
    else if (traits.choice) push('branch', [e.from, e.to], `branch removed: ${e.from} → ${e.to}${e.when === undefined ? '' : ` (when ${e.when})`}`, e);
  }
  const ids = new Set(draft.nodes.map((n) => n.id));
  const stillConcurrent = new Set(concurrentPairs(draft).map((p) => p.join('\u0000')));
  for (const [x, y] of concurrentPairs(base)) {
    if (ids.has(x) && ids.has(y) && !stillConcurrent.has(`${x}\u0000${y}`)) push('parallel', [x, y], `"${x}" and "${y}" no longer run in parallel`);
  }
  return removals;
}

const ELEMENTS: readonly [SynthesisRemoval['kind'], 'authLevel' | 'riskLevel' | 'role' | 'runtime', string][] = [
  ['auth_level', 'authLevel', 'auth_level'], ['risk_flag', 'riskLevel', 'risk_level'], ['role', 'role', 'role'], ['runtime', 'runtime', 'runtime'],
];

function show(value: WorkflowNode[keyof WorkflowNode]): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
