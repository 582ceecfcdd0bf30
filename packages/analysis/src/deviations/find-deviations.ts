import { needsApproval } from '@sopflow/format';
import type { Workflow, WorkflowNode } from '@sopflow/format';
import type { RunRecord, StepRecord } from '../records/run-record.js';
import { executedSteps, stepDurationMs } from '../records/run-record.js';
import { isDenied } from '../records/status-words.js';
import type { RunAlignment, AlignRunOptions } from './align-run-trace.js';
import { alignRunTrace } from './align-run-trace.js';
import type { Deviation, DeviationKind } from './deviation.js';
import type { ConditionJudge } from './evaluate-condition.js';
import { judgeCondition, judgeSwitchCase } from './evaluate-condition.js';
import type { PrescribedModel } from './prescribed-model.js';
import { buildPrescribedModel } from './prescribed-model.js';

export interface RunConformance {
  runId: string;
  finished: boolean;
  /** 1 − cost / (trace length + cost of the shortest prescribed run); 1 is a perfect fit. Undefined when not finished. */
  fitness?: number;
  alignment: RunAlignment;
  deviations: Deviation[];
  /** Branch conditions that could not be judged from the recorded data. */
  unjudgedConditions: number;
}

export interface ConformOptions extends AlignRunOptions {
  judge?: ConditionJudge;
  model?: PrescribedModel;
  /** An alignment already computed for this run's trace (conformRuns caches one per variant). */
  precomputed?: RunAlignment;
  /** Another aligner, e.g. `createPetriNetAligner(workflow)` (the mining layer's A*); default the graph walk. */
  aligner?: (trace: readonly string[]) => RunAlignment;
}

/**
 * Pure; compares one run with its process: an optimal alignment with the prescribed model, read as
 * skipped / inserted / reordered / repeated steps, plus wrong branch (a conditional edge taken whose
 * `when` is false on the recorded data), wrong role, late (over the step's timeout or SLA) and
 * unauthorised (an approval step missing, or the run carrying on after it was rejected).
 */
export function conformRun(workflow: Workflow, record: RunRecord, options: ConformOptions = {}): RunConformance {
  const model = options.model ?? buildPrescribedModel(workflow);
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const executed = executedSteps(record);
  const trace = executed.map((s) => s.nodeId);
  const alignment = options.precomputed ?? options.aligner?.(trace) ?? alignRunTrace(model, trace, options);
  const deviations: Deviation[] = [];
  const add = (kind: DeviationKind, nodeId: string, detail: string, data: Record<string, unknown> = {}, traceIndex?: number, patternSuffix?: string): void => {
    deviations.push({ kind, runId: record.runId, nodeId, detail, data, pattern: `${kind}:${patternSuffix ?? nodeId}`, ...(traceIndex === undefined ? {} : { traceIndex }) });
  };
  if (alignment.finished) classifyMoves(alignment, nodes, trace, add);
  const unjudged = checkBranches(workflow, record, executed, options.judge ?? judgeCondition, add);
  executed.forEach((step, i) => {
    const node = nodes.get(step.nodeId);
    if (node === undefined) return;
    // A performer's name is not a role: the performer counts only when it names one of the process's roles.
    const did = step.role ?? (step.resource !== undefined && workflow.roles.includes(step.resource) ? step.resource : undefined);
    if (node.role !== undefined && did !== undefined && node.role.toLowerCase() !== did.toLowerCase()) {
      add('wrong-role', node.id, `"${node.id}" was done by ${did}; the process says ${node.role}`, { expected: node.role, actual: did }, i, `${node.id}:${did}`);
    }
    const limitSec = node.sla?.dueSec ?? node.timeoutSec;
    const duration = stepDurationMs(step);
    if (step.status === 'TIMEOUT' || (limitSec !== undefined && duration !== undefined && duration > limitSec * 1000)) {
      add('late', node.id, `"${node.id}" took ${duration === undefined ? 'too long (timed out)' : `${Math.round(duration / 1000)}s`} against a limit of ${limitSec ?? '?'}s`,
        { limitSec, durationMs: duration, overrunMs: duration !== undefined && limitSec !== undefined ? duration - limitSec * 1000 : undefined }, i);
    }
    if (needsApproval(node) && step.decision !== undefined && isDenied({ decision: step.decision }) && i < executed.length - 1) {
      add('unauthorised', node.id, `the run went on to "${executed[i + 1].nodeId}" after "${node.id}" was ${step.decision}`, { decision: step.decision, next: executed[i + 1].nodeId }, i, `${node.id}:rejected`);
    }
  });
  const emptyCost = shortestRunCost(model, options);
  return {
    runId: record.runId,
    finished: alignment.finished,
    ...(alignment.finished ? { fitness: Math.max(0, 1 - alignment.cost / Math.max(1, trace.length + emptyCost)) } : {}),
    alignment,
    deviations,
    unjudgedConditions: unjudged,
  };
}

type Add = (kind: DeviationKind, nodeId: string, detail: string, data?: Record<string, unknown>, traceIndex?: number, patternSuffix?: string) => void;

function classifyMoves(alignment: RunAlignment, nodes: Map<string, WorkflowNode>, trace: readonly string[], add: Add): void {
  const modelMoves = alignment.moves.filter((m) => m.type === 'model' && !m.silent).map((m) => m.nodeId);
  const unpaired = [...modelMoves];
  for (const move of alignment.moves) {
    if (move.type !== 'log') continue;
    const x = move.nodeId;
    const paired = unpaired.indexOf(x);
    if (paired >= 0) {
      unpaired.splice(paired, 1);
      add('reordered', x, `"${x}" ran at position ${move.traceIndex + 1}, out of the prescribed order`, {}, move.traceIndex);
    } else if (trace.slice(0, move.traceIndex).includes(x)) {
      add('repeated', x, `"${x}" ran again (rework) at position ${move.traceIndex + 1}`, { occurrence: trace.slice(0, move.traceIndex + 1).filter((t) => t === x).length }, move.traceIndex);
    } else {
      add('inserted', x, nodes.has(x) ? `"${x}" ran where the process does not lead to it` : `"${x}" is not a step of the process`, { known: nodes.has(x) }, move.traceIndex);
    }
  }
  for (const x of unpaired) {
    const node = nodes.get(x);
    if (node !== undefined && needsApproval(node)) add('unauthorised', x, `approval step "${x}" did not happen`, { approverRole: node.approvalGate?.approverRole ?? node.authLevel });
    else add('skipped', x, `"${x}" was prescribed but did not run`);
  }
}

function checkBranches(workflow: Workflow, record: RunRecord, executed: StepRecord[], judge: ConditionJudge, add: Add): number {
  let unjudged = 0;
  for (let i = 1; i < executed.length; i += 1) {
    const from = executed[i - 1].nodeId;
    const to = executed[i].nodeId;
    const before = executed.slice(0, i);
    for (const edge of workflow.edges) {
      if (edge.from !== from) continue;
      let verdict: boolean | undefined;
      let condition: string | undefined;
      if (edge.mode === 'conditional' && edge.to === to && edge.when !== undefined) {
        condition = edge.when;
        verdict = judge(edge.when, record, before, from);
      } else if (edge.mode === 'switch' && edge.when !== undefined) {
        const match = (edge.cases ?? []).find((c) => c.to === to);
        if (match === undefined) continue;
        condition = `${edge.when} == ${JSON.stringify(match.value)}`;
        verdict = judgeSwitchCase(edge.when, match.value, record, before, from);
      } else {
        continue;
      }
      if (verdict === undefined) unjudged += 1;
      else if (!verdict) {
        add('wrong-branch', to, `went from "${from}" to "${to}" although ${condition} was false on the recorded data`, { from, to, when: condition }, i, `${from}->${to}`);
        missedApprovals(workflow, record, executed, i, judge, add);
      }
    }
  }
  return unjudged;
}

/** After a wrong branch: an approval step on the branch whose condition held, that never ran, was bypassed. */
function missedApprovals(workflow: Workflow, record: RunRecord, executed: StepRecord[], i: number, judge: ConditionJudge, add: Add): void {
  const from = executed[i - 1].nodeId;
  const ran = new Set(executed.map((s) => s.nodeId));
  for (const edge of workflow.edges) {
    if (edge.from !== from || edge.mode !== 'conditional' || edge.when === undefined || ran.has(edge.to)) continue;
    const node = workflow.nodes.find((n) => n.id === edge.to);
    if (node === undefined || !needsApproval(node)) continue;
    if (judge(edge.when, record, executed.slice(0, i), from) === true) {
      add('unauthorised', node.id, `approval step "${node.id}" was bypassed: ${edge.when} held, but the run went to "${executed[i].nodeId}"`, { when: edge.when, went: executed[i].nodeId });
    }
  }
}

/** Memo per model object (pure: the cost depends only on the model). */
const emptyCosts = new WeakMap<PrescribedModel, number>();

function shortestRunCost(model: PrescribedModel, options: AlignRunOptions): number {
  let cost = emptyCosts.get(model);
  if (cost === undefined) {
    // The model's own shortest run: no trace, so the caller's stop signal is not consulted.
    const empty = alignRunTrace(model, [], { maxStates: options.maxStates, maxTokensPerPlace: options.maxTokensPerPlace });
    if (!empty.finished) return 0;
    cost = empty.cost;
    emptyCosts.set(model, cost);
  }
  return cost;
}
