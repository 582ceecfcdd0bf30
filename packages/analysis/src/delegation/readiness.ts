import { approvalRequirement } from '@sopflow/format';
import type { DelegationState, Workflow, WorkflowNode } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import { stepFailed, stepRan } from '../records/run-record.js';
import { measureDecisionConsistency, measureOutputDeterminism } from './output-consistency.js';

/** One comparison of an agent's answer with a person's on the same case (a delegation trial). */
export interface TrialResult {
  nodeId: string;
  agreed: boolean;
}

export interface ReadinessFactor {
  factor: 'output-determinism' | 'decision-consistency' | 'reliability' | 'risk' | 'authorisation' | 'trial-agreement' | 'evidence-volume';
  /** 0..1, higher is readier. */
  score: number;
  weight: number;
  reason: string;
}

export interface StepReadiness {
  nodeId: string;
  /** 0..100. */
  score: number;
  suggestedState: DelegationState;
  factors: ReadinessFactor[];
  /** Hard limits applied (an approval step, critical risk), with why. */
  caps: string[];
  executions: number;
}

export interface ReadinessOptions {
  trials?: readonly TrialResult[];
}

const RISK_SCORE: Record<string, number> = { low: 1, medium: 0.6, high: 0.2, critical: 0 };

/**
 * Pure; how ready each step is to hand to an agent, 0–100 with the reasons: output determinism (same
 * inputs → same outputs; dispersion for numeric outputs; "not measurable" with a neutral 0.5 when
 * the inputs were not recorded), consistency of people's decisions, reliability (1 − failure rate), risk,
 * authorisation level, agreement measured in trials, and the volume of evidence. Approval steps are
 * capped at 40 and critical-risk steps at 30 whatever the evidence.
 */
export function assessReadiness(workflow: Workflow, records: readonly RunRecord[], options: ReadinessOptions = {}): StepReadiness[] {
  return workflow.nodes.map((node) => {
    const steps = records.flatMap((r) => r.steps.filter((s) => s.nodeId === node.id && stepRan(s)));
    const factors: ReadinessFactor[] = [];
    const determinism = measureOutputDeterminism(steps);
    factors.push(determinism === undefined
      ? { factor: 'output-determinism', score: 0.5, weight: 0.5, reason: 'no repeated inputs with recorded outputs; assumed 0.5' }
      : { factor: 'output-determinism', score: determinism.score, weight: determinism.measurable ? 1 : 0.5, reason: determinism.reason });
    const decisions = measureDecisionConsistency(steps);
    if (decisions !== undefined) {
      factors.push({ factor: 'decision-consistency', score: decisions.score, weight: decisions.measurable ? 1.5 : 0.5, reason: decisions.reason });
    }
    const failures = steps.filter(stepFailed).length;
    factors.push(steps.length === 0
      ? { factor: 'reliability', score: 0.5, weight: 0.5, reason: 'never executed; assumed 0.5' }
      : { factor: 'reliability', score: 1 - failures / steps.length, weight: 1, reason: `${failures}/${steps.length} executions failed` });
    const risk = riskOf(node);
    factors.push({ factor: 'risk', score: risk.score, weight: 1.5, reason: risk.reason });
    factors.push(authFactor(node, workflow));
    const trials = (options.trials ?? []).filter((t) => t.nodeId === node.id);
    if (trials.length > 0) {
      const agreed = trials.filter((t) => t.agreed).length;
      factors.push({ factor: 'trial-agreement', score: agreed / trials.length, weight: trials.length >= 20 ? 2 : 1, reason: `agent agreed with the person in ${agreed}/${trials.length} trials` });
    }
    factors.push({ factor: 'evidence-volume', score: Math.min(1, steps.length / 30), weight: 0.5, reason: `${steps.length} executions recorded (30 or more counts as full evidence)` });
    const totalWeight = factors.reduce((t, f) => t + f.weight, 0);
    let score = Math.round((100 * factors.reduce((t, f) => t + f.score * f.weight, 0)) / totalWeight);
    const caps: string[] = [];
    if (approvalRequirement(node).beforeStep) {
      caps.push('approval step: a person must authorise it (capped at 40)');
      score = Math.min(score, 40);
    }
    if (String(node.riskLevel).toLowerCase() === 'critical') {
      caps.push('critical risk (capped at 30)');
      score = Math.min(score, 30);
    }
    const trialRate = trials.length === 0 ? 0 : trials.filter((t) => t.agreed).length / trials.length;
    const suggestedState: DelegationState = score >= 90 && trials.length >= 20 && trialRate >= 0.95 ? 'agent_autonomous'
      : score >= 75 ? 'agent_supervised' : score >= 50 ? 'trialing' : 'human_only';
    return { nodeId: node.id, score, suggestedState, factors, caps, executions: steps.length };
  });
}

function riskOf(node: WorkflowNode): { score: number; reason: string } {
  const level = node.riskLevel?.toLowerCase();
  if (level !== undefined && RISK_SCORE[level] !== undefined) return { score: RISK_SCORE[level], reason: `risk level ${level}` };
  if (node.kind === 'action_physical') return { score: 0.2, reason: 'physical action (no risk level given)' };
  return { score: 0.7, reason: 'no risk level given; assumed medium-low (0.7)' };
}

function authFactor(node: WorkflowNode, workflow: Workflow): ReadinessFactor {
  const requirement = approvalRequirement(node);
  if (requirement.reasons.includes('approval_gate') || requirement.reasons.includes('human_auth_required')) {
    return { factor: 'authorisation', score: 0, weight: 1.5, reason: 'requires a person’s authorisation' };
  }
  if (node.authLevel === undefined) return { factor: 'authorisation', score: 1, weight: 1, reason: 'no authorisation level required' };
  const index = workflow.authLevels.indexOf(node.authLevel);
  const top = Math.max(1, workflow.authLevels.length - 1);
  const score = index < 0 ? 0.5 : 1 - index / top;
  return { factor: 'authorisation', score, weight: 1, reason: `authorisation level ${node.authLevel} (${index + 1} of ${workflow.authLevels.length})` };
}
