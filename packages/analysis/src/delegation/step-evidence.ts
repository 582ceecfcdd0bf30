import type { Workflow, WorkflowNode } from '@sopflow/format';
import type { RunRecord, StepRecord } from '../records/run-record.js';
import { stepFailed, stepRan, toEpochMs } from '../records/run-record.js';
import type { DelegationPolicy } from './delegation-policy.js';
import { delegationScope } from './delegation-scope.js';
import { compareOutputs } from './output-agreement.js';

/** One comparison of an agent's work with a person's: a shadow trial, a supervised review, or an autonomous execution. */
export interface DelegationObservation {
  kind: 'trial' | 'supervised' | 'autonomous';
  runId: string;
  at?: string;
  /** The agent agreed with the person (trial), was approved unchanged (supervised), or succeeded uncorrected (autonomous). */
  ok: boolean;
  /** A critical error or a critical override: demotes at once. */
  critical: boolean;
  reason: string;
}

/** Everything the records show about one step's delegation. */
export interface StepEvidence {
  nodeId: string;
  /** Executions of the step that ran, whoever did them. */
  executions: number;
  observations: DelegationObservation[];
}

/** A delegation trial stated outside the records (a trials file). */
export interface TrialResult {
  nodeId: string;
  agreed: boolean;
  at?: string;
}

const APPROVED = new Set(['approved', 'approve', 'accepted', 'done']);
const VERDICTS = new Set([...APPROVED, 'denied', 'deny', 'rejected', 'not_done']);

/**
 * Pure; the delegation evidence per step from run records (each run counted once, by run id) and
 * stated trials. A step record with `shadow` is a trial: the agent's shadow output is compared with
 * the person's by `compareOutputs` (the recorded agreement is used only when the outputs were not
 * recorded, and then only full agreement counts). An agent's execution with a person's verdict is a
 * supervised review, approved only when unchanged; one without is autonomous. A reviewer's
 * correction (`corrected_from`) is a disagreement; a failure with a critical code, or a record or a
 * verdict marked `critical`, is critical.
 */
export function collectStepEvidence(workflow: Workflow, records: readonly RunRecord[], policy: DelegationPolicy, trials: readonly TrialResult[] = []): Map<string, StepEvidence> {
  const nodes = new Map(workflow.nodes.map((n) => [n.id, n]));
  const evidence = new Map(workflow.nodes.map((n) => [n.id, { nodeId: n.id, executions: 0, observations: [] as DelegationObservation[] }]));
  const seen = new Set<string>();
  for (const record of records) {
    if (seen.has(record.runId)) continue;
    seen.add(record.runId);
    for (const step of record.steps) {
      const node = nodes.get(step.nodeId);
      const into = evidence.get(step.nodeId);
      if (node === undefined || into === undefined || !stepRan(step)) continue;
      into.executions++;
      const observation = observe(node, step, record, policy);
      if (observation !== undefined) into.observations.push(observation);
    }
  }
  trials.forEach((t, i) => evidence.get(t.nodeId)?.observations.push({
    kind: 'trial', runId: `trial-${i + 1}`, ...(t.at === undefined ? {} : { at: t.at }), ok: t.agreed, critical: false,
    reason: t.agreed ? 'stated trial: agreed' : 'stated trial: disagreed',
  }));
  for (const e of evidence.values()) e.observations = sortByTime(e.observations);
  return evidence;
}

function observe(node: WorkflowNode, step: StepRecord, record: RunRecord, policy: DelegationPolicy): DelegationObservation | undefined {
  const base = { runId: record.runId, ...(atOf(step, record) === undefined ? {} : { at: atOf(step, record) }) };
  const critical = isMarkedCritical(step) || (stepFailed(step) && policy.criticalErrorCodes.includes(step.error?.code ?? ''));
  const shadow = asRecord(step.extra.shadow);
  if (shadow !== undefined) return { kind: 'trial', ...base, critical: false, ...trialOutcome(node, step, shadow, policy) };
  const corrected = asRecord(step.extra.corrected_from) ?? asRecord(step.extra.correctedFrom);
  const agentic = delegationScope(node) === 'agent' || step.model !== undefined || corrected !== undefined;
  if (!agentic) return undefined;
  const verdict = step.decision?.toLowerCase();
  const lowConfidence = JSON.stringify(step.extra.escalations ?? []).includes('LOW_CONFIDENCE');
  const kind = !lowConfidence && (corrected !== undefined || (verdict !== undefined && VERDICTS.has(verdict))) ? 'supervised' : 'autonomous';
  if (stepFailed(step)) return { kind, ...base, ok: false, critical, reason: `failed${step.error?.code === undefined ? '' : ` (${step.error.code})`}${critical ? ': critical' : ''}` };
  if (corrected !== undefined) return { kind, ...base, ok: false, critical, reason: `a reviewer corrected the agent's output${critical ? ' (critical)' : ''}` };
  if (kind === 'supervised') {
    const ok = APPROVED.has(verdict ?? '');
    return { kind, ...base, ok, critical: critical && !ok, reason: ok ? 'approved unchanged' : `the reviewer answered ${verdict}${critical ? ' (critical)' : ''}` };
  }
  return { kind, ...base, ok: !critical, critical, reason: critical ? 'marked critical' : 'completed' };
}

function trialOutcome(node: WorkflowNode, step: StepRecord, shadow: Record<string, unknown>, policy: DelegationPolicy): { ok: boolean; reason: string } {
  if (shadow.error !== undefined) return { ok: false, reason: 'the agent’s shadow attempt failed' };
  const agentOutput = asRecord(shadow.outputs) ?? asRecord(shadow.output);
  if (agentOutput !== undefined && step.outputs !== undefined) {
    const result = compareOutputs(step.outputs, agentOutput, { ...policy.agreement, ...(node.form === undefined ? {} : { form: node.form }) });
    const differing = result.fields.filter((f) => !f.agreed).map((f) => `${f.field}: ${f.detail}`);
    return { ok: result.agreed, reason: result.agreed ? `agreed on ${result.fields.length} field${result.fields.length === 1 ? '' : 's'}` : `disagreed on ${differing.join('; ')}` };
  }
  const agreement = shadow.agreement;
  if (typeof agreement === 'boolean') return { ok: agreement, reason: `recorded agreement ${agreement} (outputs not recorded)` };
  if (typeof agreement === 'number') return { ok: agreement >= 1, reason: `recorded agreement ${agreement} (outputs not recorded; only full agreement counts)` };
  return { ok: false, reason: 'a shadow run without an output or an agreement' };
}

function isMarkedCritical(step: StepRecord): boolean {
  if (step.extra.critical === true || step.extra.severity === 'critical') return true;
  const decisions = step.extra.human_decisions;
  return Array.isArray(decisions) && decisions.some((d) => asRecord(d)?.critical === true || asRecord(d)?.severity === 'critical');
}

function atOf(step: StepRecord, record: RunRecord): string | undefined {
  return step.endedAt ?? step.startedAt ?? record.endedAt ?? record.startedAt;
}

function sortByTime(observations: DelegationObservation[]): DelegationObservation[] {
  return observations.map((o, i) => ({ o, i, t: toEpochMs(o.at) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => a.t - b.t || a.i - b.i).map(({ o }) => o);
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
