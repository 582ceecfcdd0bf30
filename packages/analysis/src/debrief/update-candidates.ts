import { bumpMinor, needsApproval } from '@sopflow/format';
import type { Diagnostic, Workflow } from '@sopflow/format';
import type { DeviationKind } from '../deviations/deviation.js';
import type { DeviationClass } from './classifier-rules.js';
import type { PatternCorrelation } from './outcome-correlation.js';

/** A change to the process that an update candidate proposes. */
export type ProposedChange =
  | { op: 'remove-step'; nodeId: string }
  | { op: 'add-step'; nodeId: string; after?: string; before?: string }
  | { op: 'set-role'; nodeId: string; role: string }
  | { op: 'set-timeout'; nodeId: string; timeoutSec: number }
  | { op: 'review'; nodeId: string; note: string };

export interface UpdateCandidate {
  id: string;
  pattern: string;
  title: string;
  change: ProposedChange;
  classification: DeviationClass;
  evidence: { runs: number; runIds: string[]; rateWith: number; rateWithout?: number; pValue: number; rule: string };
  /** Always `pending` when proposed; a person approves or rejects it. */
  status: 'pending';
}

export interface CandidateInput {
  pattern: string;
  kind: DeviationKind;
  nodeId: string;
  classification: DeviationClass;
  rule: string;
  runIds: string[];
  correlation: PatternCorrelation;
  /** For inserted steps: the step most often just before it; for late steps: the p95 duration in seconds. */
  before?: string;
  after?: string;
  role?: string;
  p95Sec?: number;
}

/**
 * Pure; proposes process changes from classified patterns: edge cases that recur (two runs or more)
 * and deviations whose runs ended better than the rest. Never proposes removing an approval step.
 */
export function proposeUpdateCandidates(inputs: readonly CandidateInput[], minRuns = 2): UpdateCandidate[] {
  const out: UpdateCandidate[] = [];
  for (const input of inputs) {
    const c = input.correlation;
    const recurringEdgeCase = input.classification === 'EDGE_CASE' && c.runsWith >= minRuns;
    const better = c.direction === 'better' && c.runsWith >= minRuns && input.classification !== 'POTENTIAL_ERROR';
    const nuance = input.classification === 'ORG_NUANCE';
    if (!recurringEdgeCase && !better && !nuance) continue;
    const change = changeFor(input);
    if (change === undefined) continue;
    out.push({
      id: `uc-${out.length + 1}`,
      pattern: input.pattern,
      title: titleOf(change),
      change,
      classification: input.classification,
      evidence: { runs: c.runsWith, runIds: input.runIds.slice(0, 20), rateWith: c.rateWith, ...(c.rateWithout === undefined ? {} : { rateWithout: c.rateWithout }), pValue: c.pValue, rule: input.rule },
      status: 'pending',
    });
  }
  return out;
}

function changeFor(input: CandidateInput): ProposedChange | undefined {
  switch (input.kind) {
    case 'skipped': return { op: 'remove-step', nodeId: input.nodeId };
    case 'inserted': return { op: 'add-step', nodeId: input.nodeId, after: input.after, before: input.before };
    case 'wrong-role': return input.role === undefined ? undefined : { op: 'set-role', nodeId: input.nodeId, role: input.role };
    case 'late': return input.p95Sec === undefined ? undefined : { op: 'set-timeout', nodeId: input.nodeId, timeoutSec: Math.ceil(input.p95Sec) };
    case 'reordered': return { op: 'review', nodeId: input.nodeId, note: `runs often do "${input.nodeId}" at another point than prescribed` };
    case 'repeated': return { op: 'review', nodeId: input.nodeId, note: `"${input.nodeId}" is often redone; consider a check before it` };
    case 'wrong-branch': return { op: 'review', nodeId: input.nodeId, note: `the branch condition into "${input.nodeId}" disagrees with practice` };
    case 'unauthorised': return undefined;
  }
}

function titleOf(change: ProposedChange): string {
  switch (change.op) {
    case 'remove-step': return `Remove step "${change.nodeId}"`;
    case 'add-step': return `Add step "${change.nodeId}"${change.after ? ` after "${change.after}"` : ''}`;
    case 'set-role': return `Let role "${change.role}" perform "${change.nodeId}"`;
    case 'set-timeout': return `Set the timeout of "${change.nodeId}" to ${change.timeoutSec}s`;
    case 'review': return `Review "${change.nodeId}": ${change.note}`;
  }
}

export interface ApproveResult {
  /** The new draft version; undefined when the change could not be applied. */
  workflow?: Workflow;
  diagnostics: Diagnostic[];
}

/**
 * Pure; applies an approved candidate to a copy of the process and returns a new draft version
 * (minor version bumped, lifecycle `draft`). The input workflow is never changed.
 */
export function approveUpdateCandidate(workflow: Workflow, candidate: UpdateCandidate, options: { version?: string } = {}): ApproveResult {
  const fail = (message: string): ApproveResult => ({ diagnostics: [{ code: 'candidate-not-applicable', severity: 'error', message, line: 0, column: 0 }] });
  const next: Workflow = structuredClone(workflow);
  next.version = options.version ?? bumpMinor(workflow.version);
  next.lifecycle = 'draft';
  next.status = 'draft';
  const change = candidate.change;
  const node = next.nodes.find((n) => n.id === change.nodeId);
  switch (change.op) {
    case 'remove-step': {
      if (node === undefined) return fail(`step "${change.nodeId}" is not in ${workflow.id}`);
      if (needsApproval(node)) return fail(`step "${change.nodeId}" is an approval; removing it is never proposed`);
      const incoming = next.edges.filter((e) => e.to === node.id);
      const outgoing = next.edges.filter((e) => e.from === node.id);
      next.edges = next.edges.filter((e) => e.from !== node.id && e.to !== node.id);
      for (const i of incoming) for (const o of outgoing) next.edges.push({ ...i, to: o.to });
      next.nodes = next.nodes.filter((n) => n.id !== node.id);
      break;
    }
    case 'add-step': {
      if (node !== undefined) return fail(`step "${change.nodeId}" already exists`);
      const after = change.after === undefined ? undefined : next.nodes.find((n) => n.id === change.after);
      if (after === undefined) return fail(`no step to insert "${change.nodeId}" after`);
      // Right after its predecessor, so the step order (and every later step's sequence_order) reads as the runs went.
      next.nodes.splice(next.nodes.indexOf(after) + 1, 0, {
        id: change.nodeId, name: change.nodeId, type: 'human', kind: 'checkpoint', inputs: [], outputs: [], failureModes: [], path: [], extra: { 'x-proposed-by': candidate.id },
      });
      const out = next.edges.filter((e) => e.from === after.id && e.mode !== 'loop');
      next.edges = next.edges.filter((e) => !out.includes(e));
      next.edges.push({ from: after.id, to: change.nodeId, mode: 'sequential', origin: 'edges', path: [], extra: {} });
      for (const e of out) next.edges.push({ ...e, from: change.nodeId });
      break;
    }
    case 'set-role':
      if (node === undefined) return fail(`step "${change.nodeId}" is not in ${workflow.id}`);
      node.role = change.role;
      break;
    case 'set-timeout':
      if (node === undefined) return fail(`step "${change.nodeId}" is not in ${workflow.id}`);
      node.timeoutSec = change.timeoutSec;
      break;
    case 'review':
      if (node === undefined) return fail(`step "${change.nodeId}" is not in ${workflow.id}`);
      node.extra = { ...node.extra, 'x-review-note': change.note };
      break;
  }
  return { workflow: next, diagnostics: [] };
}
