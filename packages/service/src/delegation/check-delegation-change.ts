import type { DelegationPolicy, LadderDecision, RunRecord, StepReadiness } from '@sopflow/analysis';
import type { DelegationState, Workflow } from '@sopflow/format';
import { ServiceError } from '../service-error.js';
import { readTrials } from './read-trials.js';

/** A proposed move of one step on the delegation ladder, as a person asks for it. */
export interface DelegationChangeRequest {
  nodeId: string;
  direction: 'promote' | 'demote';
  /** Demotion only: the rung to go back to (default one down, or what the evidence says). */
  to?: DelegationState;
  /** Why, in the proposer's words (required). */
  reason: string;
  /** Go ahead without the evidence the ladder asks for; the caller has checked the proposer is an admin. */
  override?: boolean;
}

/** A change the rule allows: the step, its rungs, and the evidence it rests on. */
export interface CheckedDelegationChange {
  nodeId: string;
  direction: 'promote' | 'demote';
  from: DelegationState;
  to: DelegationState;
  reason: string;
  override: boolean;
  evidence: { runs: number; executions: number; summary: string[]; ladder?: LadderDecision };
}

const ORDER: readonly DelegationState[] = ['human_only', 'trialing', 'agent_supervised', 'agent_autonomous'];

/**
 * The one rule for moving a step a rung up or down the delegation ladder (the CLI's
 * `delegation propose` and the server's step delegation route both ask it): the step's readiness is
 * assessed from the process's records, and the change is refused with `not_enough_evidence` (what is
 * missing in the message and `details.missing`) unless the evidence allows it or `override` is set.
 * `invalid_request` without a reason or for a bad rung; `not_found` for an unknown step; `conflict`
 * for an automated step or one already at the end of the ladder. Writes nothing.
 */
export async function checkDelegationChange(
  workflow: Workflow, records: readonly RunRecord[], request: DelegationChangeRequest,
  options: { policy?: Partial<DelegationPolicy>; trials?: { name: string; text: string } } = {},
): Promise<CheckedDelegationChange> {
  const reason = request.reason.trim();
  if (reason === '') throw new ServiceError('invalid_request', 'a delegation change needs a reason', { field: 'reason' });
  const node = requireStep(workflow, request.nodeId);
  const { assessReadiness, resolveDelegationPolicy } = await import('@sopflow/analysis');
  const trials = options.trials === undefined ? undefined : readTrials(options.trials);
  const step = assessReadiness(workflow, records, { policy: resolveDelegationPolicy(options.policy), ...(trials === undefined ? {} : { trials }) }).find((s) => s.nodeId === node.id)!;
  if (step.state === undefined || step.ladder === undefined) throw new ServiceError('conflict', `"${node.id}" is not delegated: ${step.summary[0]}`);
  const override = request.override === true;
  return {
    nodeId: node.id, direction: request.direction, from: step.state, to: target(step, step.ladder, request), reason, override,
    evidence: { runs: records.length, executions: step.executions, summary: step.summary, ladder: step.ladder },
  };
}

/** The process's step `nodeId`, or not_found naming its steps (callers check it before reading any records). */
export function requireStep(workflow: Workflow, nodeId: string): Workflow['nodes'][number] {
  const node = workflow.nodes.find((n) => n.id === nodeId);
  if (node === undefined) throw new ServiceError('not_found', `process "${workflow.id}" has no step "${nodeId}"; its steps: ${workflow.nodes.map((n) => n.id).join(', ')}`);
  return node;
}

function target(step: StepReadiness, ladder: LadderDecision, request: DelegationChangeRequest): DelegationState {
  const from = ladder.state;
  const override = request.override === true;
  if (request.direction === 'promote') {
    const to = ladder.promotion.to;
    if (to === undefined) throw new ServiceError('conflict', `"${step.nodeId}" is already ${from}: there is no rung above`);
    if (!ladder.promotion.ready && !override) {
      throw new ServiceError('not_enough_evidence', `the evidence does not allow promoting "${step.nodeId}" from ${from} to ${to}: ${ladder.promotion.missing.join('; ')} (an admin may override)`, { from, to, missing: ladder.promotion.missing });
    }
    return to;
  }
  const below = ORDER.slice(0, ORDER.indexOf(from));
  if (below.length === 0) throw new ServiceError('conflict', `"${step.nodeId}" is already human_only: there is no rung below`);
  const to = request.to ?? ladder.demotion?.to ?? below[below.length - 1];
  if (!below.includes(to)) throw new ServiceError('invalid_request', `a demotion from ${from} goes to ${below.join(' or ')}, not ${to}`, { field: 'to' });
  const supported = ladder.demotion !== undefined && ORDER.indexOf(to) <= ORDER.indexOf(ladder.demotion.to);
  if (!supported && !override) {
    const why = ladder.demotion === undefined ? 'the evidence shows no drop below the threshold and no critical error' : `the evidence supports ${ladder.demotion.to} (${ladder.demotion.reason})`;
    throw new ServiceError('not_enough_evidence', `the evidence does not call for demoting "${step.nodeId}" to ${to}: ${why} (an admin may override)`, { from, to, missing: [why] });
  }
  return to;
}
