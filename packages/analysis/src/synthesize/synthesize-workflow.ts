import type { NodeType, Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import { DEFAULT_AUTH_LEVELS, defaultKind, isNodeType } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import type { LabelFacts, LoopFacts, PairFacts } from './order-relations.js';
import { orderRelations } from './order-relations.js';
import type { SynthesisChange, SynthesisRemoval } from './synthesis-change.js';
import { findSafetyRemovals } from './find-safety-removals.js';
import type { StepLabeller } from './trace-labels.js';
import { activityLabel, collapseTrace, labelToId, purposeOf } from './trace-labels.js';
import { refineBase } from './refine-base.js';
import { renderRationale } from './render-rationale.js';

export interface SynthesizeOptions {
  /** A prescribed process to improve instead of mining one from scratch. */
  base?: Workflow;
  labelOf?: StepLabeller;
  /** Steps seen in fewer than this share of runs are left out (default 0.3). */
  minSupport?: number;
  /** Steps seen in fewer than this share of runs are marked optional (default 0.8). */
  optionalBelow?: number;
  /** A rework loop needs this many runs (default 2). */
  minLoopRuns?: number;
  /** A check is added before a step failing in at least this share of executions, twice or more (default 0.3). */
  failureClusterRate?: number;
  id?: string;
  name?: string;
}

export interface SynthesisResult {
  /** Always a draft: lifecycle and status `draft`; a person approves it. */
  workflow: Workflow;
  changes: SynthesisChange[];
  /** Safety elements of `base` the draft lost (steps, approvals, failure paths, risk flags, roles, runtimes, parallel structure): each needs a person's confirmation. Empty without a base. */
  removals: SynthesisRemoval[];
  /** Markdown: every change with its evidence (counts and run ids), then every removal a person must confirm. */
  rationale: string;
}

/**
 * Pure; mines records into a better draft process: steps in their usual order, steps seen in both
 * orders with no data dependence run in parallel, failure-driven rework becomes a bounded loop,
 * rare steps are left out and occasional ones marked optional, a check goes before a step whose
 * failures cluster, and steps consistent enough to delegate are marked. With `base`, the given
 * process is refined instead (dead branches dropped, checks and delegation marks added); its
 * approvals and failure paths are kept, and anything of it the draft lost is in `removals`.
 */
export function synthesizeWorkflow(records: readonly RunRecord[], options: SynthesizeOptions = {}): SynthesisResult {
  const labelOf = options.labelOf ?? activityLabel;
  const traces = records.map((r) => collapseTrace(r, labelOf));
  const relations = orderRelations(records, traces);
  const result = options.base !== undefined
    ? refineBase(options.base, records, traces, relations, options)
    : mineDraft(records, relations, options);
  const removals = options.base === undefined ? [] : findSafetyRemovals(options.base, result.workflow, result.changes, records.length);
  return { ...result, removals, rationale: renderRationale(result.workflow, result.changes, records.length, removals) };
}

function mineDraft(records: readonly RunRecord[], relations: ReturnType<typeof orderRelations>, options: SynthesizeOptions): Pick<SynthesisResult, 'workflow' | 'changes'> {
  const total = records.length;
  const changes: SynthesisChange[] = [];
  const minSupport = options.minSupport ?? 0.3;
  const kept = relations.labels.filter((l) => l.runIds.length / Math.max(1, total) >= minSupport);
  for (const l of relations.labels.filter((x) => !kept.includes(x))) {
    changes.push({ kind: 'drop-step', nodes: [labelToId(l.label)], message: `left out "${l.label}": seen in only ${l.runIds.length} of ${total} runs (below ${Math.round(minSupport * 100)}%)`, evidence: { count: l.runIds.length, of: total, runIds: l.runIds } });
  }
  const keptSet = new Set(kept.map((l) => l.label));
  const pairOf = (a: string, b: string): PairFacts | undefined => relations.pairs.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a));
  const factsOf = new Map(kept.map((l) => [l.label, l]));
  const parallel = (a: string, b: string): boolean => {
    const p = pairOf(a, b);
    return p !== undefined && p.abRuns.length > 0 && p.baRuns.length > 0 && p.interleavedRuns.length === 0 && !factsOf.get(a)?.writes && !factsOf.get(b)?.writes;
  };
  const blocks: string[][] = [];
  for (const l of kept) {
    const last = blocks[blocks.length - 1];
    if (last !== undefined && last.every((m) => parallel(m, l.label))) last.push(l.label);
    else blocks.push([l.label]);
  }
  const nodes: WorkflowNode[] = [];
  const edges: WorkflowEdge[] = [];
  const addEdge = (from: string, to: string, mode: WorkflowEdge['mode'], extra: Partial<WorkflowEdge> = {}): void => {
    edges.push({ from, to, mode, origin: 'edges', path: ['edges', edges.length], extra: {}, ...extra });
  };
  const optionalBelow = options.optionalBelow ?? 0.8;
  const clusterRate = options.failureClusterRate ?? 0.3;
  const checks = new Map<string, string>();
  for (const l of kept) {
    nodes.push(nodeFor(l, records, nodes.length, total, optionalBelow));
    if (l.failures >= 2 && l.failures / l.executions >= clusterRate) {
      const checkId = `check-before-${labelToId(l.label)}`;
      checks.set(l.label, checkId);
      nodes.push({ ...baseNode(checkId, `Check before ${l.label}`, 'agent', nodes.length), kind: 'checkpoint', purpose: `Review the change against the failure before "${l.label}" runs`, description: `Added by synthesis: "${l.label}" failed in ${l.failures} of ${l.executions} executions.` });
      changes.push({ kind: 'add-check', nodes: [checkId, labelToId(l.label)], message: `added "${checkId}" before "${l.label}": it failed in ${l.failures} of ${l.executions} executions, in ${l.failedRunIds.length} of ${total} runs`, evidence: { count: l.failures, of: l.executions, runIds: l.failedRunIds } });
    }
    markOptionalAndDelegable(l, total, optionalBelow, changes);
  }
  const entryOf = (label: string): string => checks.get(label) ?? labelToId(label);
  for (const [label, checkId] of checks) addEdge(checkId, labelToId(label), 'sequential');
  blocks.forEach((block, i) => {
    const next = blocks[i + 1];
    if (block.length > 1) {
      const p = relations.pairs.filter((x) => block.includes(x.a) && block.includes(x.b));
      const runIds = [...new Set(p.flatMap((x) => [...x.abRuns, ...x.baRuns]))];
      changes.push({ kind: 'parallelise', nodes: block.map(labelToId), message: `"${block.join('" and "')}" run in parallel: seen in both orders (${p.map((x) => `${x.a} first in ${x.abRuns.length} runs, ${x.b} first in ${x.baRuns.length}`).join('; ')}) and neither changes what the other reads`, evidence: { count: runIds.length, of: total, runIds } });
    }
    if (next === undefined) return;
    for (const from of block) for (const to of next) addEdge(labelToId(from), entryOf(to), next.length > 1 ? 'parallel' : 'sequential');
  });
  const loops = relations.loops.filter((l: LoopFacts) => keptSet.has(l.from) && keptSet.has(l.to) && l.runIds.length >= (options.minLoopRuns ?? 2));
  for (const loop of loops) {
    const fromId = labelToId(loop.from);
    addEdge(fromId, entryOf(loop.to), 'loop', { when: `steps["${fromId}"].status == "failed"`, maxIterations: loop.maxIterations + 1 });
    changes.push({ kind: 'loop', nodes: [fromId, labelToId(loop.to)], message: `rework loop: when "${loop.from}" fails, go back to "${loop.to}" (seen in ${loop.runIds.length} runs, at most ${loop.maxIterations} times in one run; bounded at ${loop.maxIterations + 1})`, evidence: { count: loop.runIds.length, of: total, runIds: loop.runIds } });
  }
  for (const loop of relations.loops.filter((l) => !loops.includes(l))) {
    changes.push({ kind: 'drop-branch', nodes: [labelToId(loop.from), labelToId(loop.to)], message: `no loop from "${loop.from}" back to "${loop.to}": seen in ${loop.runIds.length} run(s) only`, evidence: { count: loop.runIds.length, of: total, runIds: loop.runIds } });
  }
  changes.unshift({ kind: 'ordered', nodes: kept.map((l) => labelToId(l.label)), message: `steps in their usual order (mean position of first occurrence): ${blocks.map((b) => b.join(' ∥ ')).join(' → ')}`, evidence: { count: total, of: total, runIds: records.map((r) => r.runId) } });
  const workflowId = options.id ?? `${records[0]?.workflowId ?? 'process'}-synthesised`;
  const workflow: Workflow = {
    style: 'edge-list', osopVersion: '1.1', id: workflowId, name: options.name ?? `${records[0]?.workflowId ?? 'Process'} (synthesised from ${total} runs)`,
    description: `Draft synthesised from ${total} recorded runs; see the rationale for the evidence behind every step and edge.`,
    version: '0.1.0', status: 'draft', lifecycle: 'draft', tags: ['synthesised'], roles: [...new Set(nodes.map((n) => n.role).filter((r): r is string => r !== undefined))],
    nodes, edges: edges.map((e, i) => ({ ...e, path: ['edges', i] })), entryPoint: nodes.length > 0 ? entryOf(kept[0].label) : undefined,
    exitConditions: [], escalationPaths: [], failureModes: [], auditRequirements: [], triggers: [], jurisdiction: [],
    authLevels: [...DEFAULT_AUTH_LEVELS], inputs: [], extra: {},
  };
  return { workflow, changes };
}

function nodeFor(l: LabelFacts, records: readonly RunRecord[], index: number, total: number, optionalBelow: number): WorkflowNode {
  const steps = records.flatMap((r) => r.steps.filter((s) => s.activity === l.label || s.nodeId === l.label || s.activity.startsWith(`${l.label}:`)));
  const type = majority(steps.map((s) => s.type).filter((t): t is NodeType => isNodeType(t))) ?? 'agent';
  const role = majority(steps.map((s) => s.role).filter((r): r is string => r !== undefined));
  const node = baseNode(labelToId(l.label), l.label, type, index);
  const failureRate = l.failures / Math.max(1, l.executions);
  return {
    ...node,
    purpose: purposeOf(l.label, l.runIds.length, total),
    ...(role === undefined ? {} : { role }),
    ...(l.runIds.length >= 3 && failureRate <= 0.1 && l.runIds.length / total >= 0.5 ? { delegationState: type === 'human' ? 'agent_supervised' as const : 'agent_autonomous' as const } : {}),
    extra: { 'x-support': `${l.runIds.length}/${total}`, ...(l.runIds.length / total < optionalBelow ? { 'x-optional': true } : {}) },
  };
}

function markOptionalAndDelegable(l: LabelFacts, total: number, optionalBelow: number, changes: SynthesisChange[]): void {
  const id = labelToId(l.label);
  if (l.runIds.length / total < optionalBelow) {
    changes.push({ kind: 'optional', nodes: [id], message: `"${l.label}" is optional: it ran in ${l.runIds.length} of ${total} runs`, evidence: { count: l.runIds.length, of: total, runIds: l.runIds } });
  }
  const failureRate = l.failures / Math.max(1, l.executions);
  if (l.runIds.length >= 3 && failureRate <= 0.1 && l.runIds.length / total >= 0.5) {
    changes.push({ kind: 'mark-delegable', nodes: [id], message: `"${l.label}" is consistent enough to delegate: ${l.executions - l.failures} of ${l.executions} executions succeeded across ${l.runIds.length} runs`, evidence: { count: l.runIds.length, of: total, runIds: l.runIds } });
  }
}

export function baseNode(id: string, name: string, type: NodeType, index: number): WorkflowNode {
  return { id, name, type, kind: defaultKind(type), inputs: [], outputs: [], failureModes: [], path: ['nodes', index], extra: {} };
}

function majority<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
