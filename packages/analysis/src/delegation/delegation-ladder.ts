import type { DelegationState } from '@sopflow/format';
import type { DelegationCap } from './delegation-caps.js';
import type { DelegationPolicy } from './delegation-policy.js';
import type { DelegationObservation } from './step-evidence.js';
import { successesNeeded, wilsonInterval, type WilsonInterval } from './wilson-interval.js';

/** A proportion measured from observations, with its 95 % interval and the bound it is judged against. */
export interface EvidenceTally extends WilsonInterval {
  threshold: number;
}

/** The next rung up, whether the evidence allows it now, and what is missing. */
export interface PromotionCheck {
  to?: DelegationState;
  ready: boolean;
  missing: string[];
}

/** A demotion the evidence calls for: `urgent` after a critical error (back to a person at once). */
export interface DemotionCheck {
  to: DelegationState;
  urgent: boolean;
  reason: string;
}

/** What the ladder says about one step, from its caps and observations. */
export interface LadderDecision {
  state: DelegationState;
  promotion: PromotionCheck;
  demotion?: DemotionCheck;
  /** The state the evidence supports now: the demotion's target, else the next rung when ready, else the current one. */
  suggestedState: DelegationState;
  trials: EvidenceTally;
  supervised: EvidenceTally;
  /** The sliding window the demotion check judged (the current rung's most recent observations). */
  window?: EvidenceTally & { kind: DelegationObservation['kind'] };
}

/** The window is judged once it holds this many executions (or the whole window, when smaller): one early miss proves nothing. */
const MIN_JUDGED = 20;
const NEXT: Record<DelegationState, DelegationState | undefined> = {
  human_only: 'trialing', trialing: 'agent_supervised', agent_supervised: 'agent_autonomous', agent_autonomous: undefined,
};
const BELOW: Record<DelegationState, DelegationState | undefined> = {
  human_only: undefined, trialing: 'human_only', agent_supervised: 'trialing', agent_autonomous: 'agent_supervised',
};

/**
 * Pure; the promotion ladder gated by evidence. `human_only → trialing` when nothing caps the step;
 * `trialing → agent_supervised` with at least `minTrials` shadow trials whose agreement's 95 % Wilson
 * lower bound reaches the step's threshold; `agent_supervised → agent_autonomous` with at least
 * `minSupervised` reviews whose approval rate's lower bound reaches `approvalThreshold` and no
 * critical override in the window. A promoted step is proposed for demotion one rung when the
 * window's bound falls below the threshold (`policy.demotion`; judged from 20 executions on), to `human_only` at once after a
 * critical error in the window, and to `human_only` when a cap now applies.
 */
export function decideLadder(state: DelegationState, caps: readonly DelegationCap[], observations: readonly DelegationObservation[], policy: DelegationPolicy, threshold: number): LadderDecision {
  const trialObs = observations.filter((o) => o.kind === 'trial');
  const supervisedObs = observations.filter((o) => o.kind === 'supervised');
  const trials = tally(trialObs, threshold);
  const supervised = tally(supervisedObs, policy.approvalThreshold);
  const promotion = promotionCheck(state, caps, trials, supervised, supervisedObs.slice(-policy.window), policy);
  const current = state === 'agent_supervised' ? supervisedObs : state === 'agent_autonomous' ? observations.filter((o) => o.kind === 'autonomous') : [];
  const recent = current.slice(-policy.window);
  const window = state === 'agent_supervised' || state === 'agent_autonomous'
    ? { ...tally(recent, threshold), kind: state === 'agent_supervised' ? 'supervised' as const : 'autonomous' as const } : undefined;
  const demotion = demotionCheck(state, caps, recent, window, policy);
  const suggestedState = demotion?.to ?? (promotion.ready && promotion.to !== undefined ? promotion.to : state);
  return { state, promotion, ...(demotion === undefined ? {} : { demotion }), suggestedState, trials, supervised, ...(window === undefined ? {} : { window }) };
}

function promotionCheck(state: DelegationState, caps: readonly DelegationCap[], trials: EvidenceTally, supervised: EvidenceTally, recentSupervised: readonly DelegationObservation[], policy: DelegationPolicy): PromotionCheck {
  const to = NEXT[state];
  if (to === undefined) return { ready: false, missing: [] };
  const missing = caps.map((c) => `capped: ${c.reason}`);
  if (state === 'trialing') missing.push(...boundMissing(trials, policy.minTrials, 'trials', 'agreeing trials'));
  if (state === 'agent_supervised') {
    missing.push(...boundMissing(supervised, policy.minSupervised, 'supervised executions', 'approved executions'));
    const override = recentSupervised.find((o) => o.critical);
    if (override !== undefined) missing.push(`a critical override in run ${override.runId} (${override.reason}) within the last ${policy.window} reviews`);
  }
  return { to, ready: missing.length === 0, missing };
}

function boundMissing(t: EvidenceTally, minimum: number, what: string, good: string): string[] {
  if (t.trials >= minimum && t.lower >= t.threshold) return [];
  const needed = successesNeeded(t.successes, t.trials, t.threshold, minimum);
  const have = `${t.trials} ${what} (${minimum} needed), ${t.successes} ok, 95 % lower bound ${fixed(t.lower)} vs ${fixed(t.threshold)}`;
  return [needed === undefined ? `${have}: no number of ${good} can reach the bound` : `${needed} more ${good} needed (${have})`];
}

function demotionCheck(state: DelegationState, caps: readonly DelegationCap[], recent: readonly DelegationObservation[], window: EvidenceTally | undefined, policy: DelegationPolicy): DemotionCheck | undefined {
  if (state === 'human_only') return undefined;
  const critical = recent.find((o) => o.critical);
  if (critical !== undefined) return { to: 'human_only', urgent: true, reason: `critical error in run ${critical.runId} (${critical.reason}): back to a person at once` };
  if (caps.length > 0) return { to: 'human_only', urgent: false, reason: `capped: ${caps.map((c) => c.reason).join('; ')}` };
  if (window === undefined || window.trials < Math.min(policy.window, MIN_JUDGED)) return undefined;
  const below = policy.demotion === 'upper_below'
    ? window.upper < window.threshold
    : window.trials >= policy.window && window.lower < window.threshold;
  if (!below) return undefined;
  const bound = policy.demotion === 'upper_below' ? `upper bound ${fixed(window.upper)}` : `lower bound ${fixed(window.lower)}`;
  return { to: BELOW[state]!, urgent: false, reason: `the last ${window.trials} executions: ${window.successes} ok (${pct(window.rate)}), 95 % ${bound} below ${fixed(window.threshold)}` };
}

function tally(observations: readonly DelegationObservation[], threshold: number): EvidenceTally {
  return { ...wilsonInterval(observations.filter((o) => o.ok).length, observations.length), threshold };
}

function fixed(x: number): string {
  return x.toFixed(3);
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}
