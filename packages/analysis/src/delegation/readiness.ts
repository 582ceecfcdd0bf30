import type { DelegationState, Workflow } from '@sopflow/format';
import type { RunRecord } from '../records/run-record.js';
import { delegationCaps, type DelegationCap } from './delegation-caps.js';
import { decideLadder, type EvidenceTally, type LadderDecision } from './delegation-ladder.js';
import { resolveDelegationPolicy, stepThreshold, type DelegationPolicy } from './delegation-policy.js';
import { currentDelegationState, delegationScope, type DelegationScope } from './delegation-scope.js';
import { collectStepEvidence, type DelegationObservation, type TrialResult } from './step-evidence.js';

/** One step's delegation readiness: the evidence, its interval, and what the ladder allows. */
export interface StepReadiness {
  nodeId: string;
  name: string;
  scope: DelegationScope;
  /** The rung the step stands on (undefined for automated and not-applicable steps). */
  state?: DelegationState;
  /** The state the evidence supports now (the current one when nothing changes). */
  suggestedState?: DelegationState;
  caps: DelegationCap[];
  /** Executions of the step in the records, whoever did them. */
  executions: number;
  /** The agreement threshold this step is judged against. */
  threshold: number;
  ladder?: LadderDecision;
  /** Every trial, review and agent execution, oldest first. */
  observations: DelegationObservation[];
  /** The evidence in words, one line each (what adapters print). */
  summary: string[];
}

export interface ReadinessOptions {
  policy?: Partial<DelegationPolicy>;
  /** Trials stated outside the records. */
  trials?: readonly TrialResult[];
}

/**
 * Pure; every step's delegation readiness from the evidence alone: machine steps are shown as
 * automated (no ladder), routing and organisation steps as not applicable; a person's or an agent's
 * step gets its caps, its trials and reviews with their 95 % Wilson intervals, the next rung with
 * what is missing ("12 more agreeing trials needed"), and any demotion the evidence calls for.
 */
export function assessReadiness(workflow: Workflow, records: readonly RunRecord[], options: ReadinessOptions = {}): StepReadiness[] {
  const policy = resolveDelegationPolicy(options.policy);
  const evidence = collectStepEvidence(workflow, records, policy, options.trials);
  return workflow.nodes.map((node) => {
    const scope = delegationScope(node);
    const e = evidence.get(node.id)!;
    const threshold = stepThreshold(policy, node.id, node.extra);
    const base = { nodeId: node.id, name: node.name, scope, executions: e.executions, threshold, observations: e.observations };
    if (scope === 'automated' || scope === 'not_applicable') {
      return { ...base, caps: [], summary: [scope === 'automated' ? `automated: a machine step (${node.type}), nothing to delegate` : `not applicable: no one performs a ${node.type} step`] };
    }
    const state = currentDelegationState(node);
    const caps = delegationCaps(node, workflow, policy);
    const ladder = decideLadder(state, caps, e.observations, policy, threshold);
    return { ...base, state, suggestedState: ladder.suggestedState, caps, ladder, summary: describe(node.type, ladder) };
  });
}

function describe(type: string, ladder: LadderDecision): string[] {
  const lines: string[] = [];
  if (ladder.trials.trials > 0 || ladder.state === 'human_only' || ladder.state === 'trialing') lines.push(tallyLine('trials', ladder.trials, 'agreed'));
  if (ladder.supervised.trials > 0 || ladder.state === 'agent_supervised') lines.push(tallyLine('supervised', ladder.supervised, 'approved unchanged'));
  if (ladder.window !== undefined && ladder.window.trials > 0) lines.push(tallyLine(`window (last ${ladder.window.trials} ${ladder.window.kind})`, ladder.window, 'ok'));
  const { promotion } = ladder;
  if (promotion.to !== undefined) {
    lines.push(promotion.ready ? `next: ${promotion.to}: the evidence allows it; a person approves the change` : `next: ${promotion.to}: ${promotion.missing.join('; ')}`);
    if (promotion.to === 'trialing' && type === 'human' && promotion.ready) lines.push('note: trialing makes this an agent step the person still performs, with the agent in shadow');
  }
  if (ladder.demotion !== undefined) lines.push(`${ladder.demotion.urgent ? 'DEMOTE NOW' : 'demotion proposed'}: → ${ladder.demotion.to}: ${ladder.demotion.reason}`);
  return lines;
}

function tallyLine(label: string, t: EvidenceTally, ok: string): string {
  if (t.trials === 0) return `${label}: none`;
  return `${label}: ${t.trials}, ${ok} ${t.successes} (${(100 * t.rate).toFixed(1)} %), 95 % interval ${t.lower.toFixed(3)}–${t.upper.toFixed(3)}, threshold ${t.threshold.toFixed(2)}`;
}
