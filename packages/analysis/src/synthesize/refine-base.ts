import { edgeModeTraits, needsApproval } from '@sopflow/format';
import type { Workflow, WorkflowEdge, WorkflowNode } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import type { orderRelations } from './order-relations.js';
import type { SynthesisChange } from './synthesis-change.js';
import type { SynthesizeOptions } from './synthesize-workflow.js';
import { baseNode } from './synthesize-workflow.js';
import type { TraceItem } from './trace-labels.js';

/**
 * Pure; refines a prescribed process with what its runs show: steps and conditional branches no
 * run took are dropped — never an approval step, a failure path (error, timeout, fallback,
 * compensation) or a step reached only by one, since runs that went well never need them —,
 * two sequential steps seen in both orders without data
 * dependence become parallel, a check goes before a step whose failures cluster, and reliable
 * human steps are marked for supervised delegation. Returns a new draft; `base` is not changed.
 */
export function refineBase(base: Workflow, records: readonly RunRecord[], traces: TraceItem[][], relations: ReturnType<typeof orderRelations>, options: SynthesizeOptions): { workflow: Workflow; changes: SynthesisChange[] } {
  const wf: Workflow = structuredClone(base);
  const total = records.length;
  const changes: SynthesisChange[] = [];
  const executed = new Set(relations.labels.map((l) => l.label));
  const seen = new Map<string, Set<string>>();
  traces.forEach((trace, r) => trace.forEach((item, i) => {
    if (i === 0) return;
    const key = `${trace[i - 1].label}\u0000${item.label}`;
    seen.set(key, (seen.get(key) ?? new Set()).add(records[r].runId));
  }));
  const transitions = new Map([...seen].map(([key, ids]) => [key, [...ids]]));
  for (const node of base.nodes) {
    if (executed.has(node.id) || needsApproval(node) || isFailureHandler(base, node)) continue;
    const incoming = wf.edges.filter((e) => e.to === node.id);
    const outgoing = wf.edges.filter((e) => e.from === node.id);
    wf.edges = wf.edges.filter((e) => e.from !== node.id && e.to !== node.id);
    for (const i of incoming) for (const o of outgoing) {
      if (i.from !== o.to && !wf.edges.some((e) => e.from === i.from && e.to === o.to)) wf.edges.push({ ...i, to: o.to });
    }
    wf.nodes = wf.nodes.filter((n) => n.id !== node.id);
    changes.push({ kind: 'drop-step', nodes: [node.id], message: `dropped "${node.id}": no run of ${total} executed it`, evidence: { count: 0, of: total, runIds: [] } });
  }
  wf.edges = wf.edges.filter((e) => {
    if (!edgeModeTraits(e.mode).choice || !executed.has(e.from) || !executed.has(e.to)) return true;
    const taken = transitions.get(`${e.from}\u0000${e.to}`) ?? [];
    const siblingsTaken = wf.edges.some((o) => o !== e && o.from === e.from && (transitions.get(`${o.from}\u0000${o.to}`) ?? []).length > 0);
    if (taken.length > 0 || !siblingsTaken) return true;
    changes.push({ kind: 'drop-branch', nodes: [e.from, e.to], message: `dropped the branch "${e.from}" → "${e.to}"${e.when ? ` (when ${e.when})` : ''}: never taken in ${total} runs`, evidence: { count: 0, of: total, runIds: [] } });
    return false;
  });
  parallelise(wf, relations, total, changes);
  addChecks(wf, relations, total, options.failureClusterRate ?? 0.3, changes);
  for (const l of relations.labels) {
    const node = wf.nodes.find((n) => n.id === l.label);
    if (node === undefined || needsApproval(node) || node.type !== 'human' || node.delegationState !== undefined) continue;
    if (l.runIds.length >= 3 && l.failures / Math.max(1, l.executions) <= 0.1) {
      node.delegationState = 'agent_supervised';
      changes.push({ kind: 'mark-delegable', nodes: [node.id], message: `"${node.id}" marked for supervised delegation: ${l.executions - l.failures} of ${l.executions} executions succeeded in ${l.runIds.length} runs`, evidence: { count: l.runIds.length, of: total, runIds: l.runIds } });
    }
  }
  const m = /^(\d+)\.(\d+)/.exec(base.version ?? '');
  wf.version = m === null ? '0.1.0' : `${m[1]}.${Number(m[2]) + 1}.0`;
  wf.status = 'draft';
  wf.lifecycle = 'draft';
  wf.edges = wf.edges.map((e, i) => ({ ...e, path: ['edges', i] }));
  return { workflow: wf, changes };
}

/** A step some failure path (error, timeout, fallback, compensation) leads to: it runs only when something fails. */
function isFailureHandler(wf: Workflow, node: WorkflowNode): boolean {
  return wf.edges.some((e) => e.to === node.id && edgeModeTraits(e.mode).failurePath);
}

function parallelise(wf: Workflow, relations: ReturnType<typeof orderRelations>, total: number, changes: SynthesisChange[]): void {
  const writes = new Map(relations.labels.map((l) => [l.label, l.writes]));
  for (const pair of relations.pairs) {
    if (pair.abRuns.length === 0 || pair.baRuns.length === 0 || pair.interleavedRuns.length > 0 || writes.get(pair.a) || writes.get(pair.b)) continue;
    const forward = (e: WorkflowEdge) => edgeModeTraits(e.mode).onSuccess && !edgeModeTraits(e.mode).loop;
    const [a, b] = wf.edges.some((e) => e.from === pair.a && e.to === pair.b) ? [pair.a, pair.b] : [pair.b, pair.a];
    const ab = wf.edges.filter((e) => e.from === a && e.to === b);
    const intoA = wf.edges.filter((e) => e.to === a && forward(e));
    const outA = wf.edges.filter((e) => e.from === a && forward(e));
    const outB = wf.edges.filter((e) => e.from === b && forward(e));
    const intoB = wf.edges.filter((e) => e.to === b && forward(e));
    if (ab.length !== 1 || ab[0].mode !== 'sequential' || intoA.length !== 1 || outA.length !== 1 || intoB.length !== 1 || outB.length > 1) continue;
    const p = intoA[0].from;
    wf.edges = wf.edges.filter((e) => e !== ab[0] && e !== intoA[0] && e !== outB[0]);
    const { when: _when, ...fanOut } = intoA[0];
    wf.edges.push({ ...fanOut, to: a, mode: 'parallel' }, { ...fanOut, to: b, mode: 'parallel' });
    if (outB[0] !== undefined) wf.edges.push({ ...outB[0], from: a }, { ...outB[0] });
    const runIds = [...pair.abRuns, ...pair.baRuns];
    changes.push({ kind: 'parallelise', nodes: [a, b], message: `"${a}" and "${b}" now run in parallel after "${p}": ${pair.a} came first in ${pair.abRuns.length} runs, ${pair.b} in ${pair.baRuns.length}, and neither writes what the other reads`, evidence: { count: runIds.length, of: total, runIds } });
  }
}

function addChecks(wf: Workflow, relations: ReturnType<typeof orderRelations>, total: number, rate: number, changes: SynthesisChange[]): void {
  for (const l of relations.labels) {
    const node = wf.nodes.find((n) => n.id === l.label);
    if (node === undefined || l.failures < 2 || l.failures / l.executions < rate) continue;
    const checkId = `check-before-${node.id}`;
    wf.nodes.push({ ...baseNode(checkId, `Check before ${node.name}`, node.type === 'human' ? 'human' : 'agent', wf.nodes.length), kind: 'checkpoint', description: `Added by synthesis: "${node.id}" failed in ${l.failures} of ${l.executions} executions.` });
    wf.edges = wf.edges.map((e) => (e.to === node.id && e.mode !== 'loop' ? { ...e, to: checkId } : e));
    wf.edges.push({ from: checkId, to: node.id, mode: 'sequential', origin: 'edges', path: [], extra: {} });
    if (wf.entryPoint === node.id) wf.entryPoint = checkId;
    changes.push({ kind: 'add-check', nodes: [checkId, node.id], message: `added "${checkId}" before "${node.id}": it failed in ${l.failures} of ${l.executions} executions, in ${l.failedRunIds.length} of ${total} runs`, evidence: { count: l.failures, of: l.executions, runIds: l.failedRunIds } });
  }
}
