import type { AgreementOptions } from './output-agreement.js';

/** When a promoted step is proposed for demotion, judged over the sliding window. */
export type DemotionRule =
  /** The window's Wilson upper bound is below the threshold: the rate is shown to be too low (default). */
  | 'upper_below'
  /** The window's Wilson lower bound is below the threshold: the rate is no longer shown to be high enough. */
  | 'lower_below';

/** The evidence a rung of the ladder asks for. Every figure has a default, stated in `DEFAULT_DELEGATION_POLICY`. */
export interface DelegationPolicy {
  /** Shadow trials needed before `trialing → agent_supervised` (default 30). */
  minTrials: number;
  /** The 95 % lower bound of trial agreement must reach this (default 0.90); per step in `thresholds`. */
  threshold: number;
  thresholds: Record<string, number>;
  /** Supervised executions needed before `agent_supervised → agent_autonomous` (default 30). */
  minSupervised: number;
  /** The 95 % lower bound of the approval rate must reach this (default 0.95). */
  approvalThreshold: number;
  /** Most recent observations the demotion check and the critical-override check look at (default 50). */
  window: number;
  demotion: DemotionRule;
  /** Jurisdictions under which agents may be trialled; any other declared jurisdiction caps every step (default none). */
  allowedJurisdictions: string[];
  /** Error codes that count as critical when an agent's execution fails with them (default CRITICAL). */
  criticalErrorCodes: string[];
  /** How outputs are compared in trials. */
  agreement: AgreementOptions;
}

export const DEFAULT_DELEGATION_POLICY: DelegationPolicy = {
  minTrials: 30,
  threshold: 0.9,
  thresholds: {},
  minSupervised: 30,
  approvalThreshold: 0.95,
  window: 50,
  demotion: 'upper_below',
  allowedJurisdictions: [],
  criticalErrorCodes: ['CRITICAL'],
  agreement: {},
};

/** Pure; the policy with the defaults filled in. */
export function resolveDelegationPolicy(given: Partial<DelegationPolicy> = {}): DelegationPolicy {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Partial<DelegationPolicy>;
  return { ...DEFAULT_DELEGATION_POLICY, ...defined };
}

/** Pure; the agreement threshold of one step: the policy's per-step value, else the node's `delegation_threshold`, else the policy's. */
export function stepThreshold(policy: DelegationPolicy, nodeId: string, nodeExtra: Record<string, unknown> = {}): number {
  const own = nodeExtra.delegation_threshold;
  return policy.thresholds[nodeId] ?? (typeof own === 'number' && own > 0 && own <= 1 ? own : policy.threshold);
}
