import { delegationReadiness, type DelegationReadiness } from '../delegation/delegation-readiness.js';
import { ServiceError } from '../service-error.js';
import { learningSubject, type LearningSubject } from './debrief-sop.js';
import { readSopRunSources } from './sop-run-records.js';
import type { ProcessContext } from './tenant-actor.js';

export interface SopDelegation extends Omit<DelegationReadiness, 'workflow'> {
  sop: LearningSubject;
}

/**
 * Per step of one SOP: the delegation evidence (trials, reviews, 95 % intervals, caps), what the
 * ladder allows and what is missing, and the SOP's ranked opportunities, from its finished runs.
 * Reads only; an SOP without finished runs is `empty`.
 */
export async function getSopDelegation(ctx: ProcessContext, sopId: string): Promise<SopDelegation> {
  const { sop, version, workflow, sources } = await readSopRunSources(ctx, sopId);
  if (sources.length === 0) throw new ServiceError('empty', `SOP ${sop.id} has no finished runs yet`, { sopId: sop.id });
  const { workflow: _id, ...readiness } = await delegationReadiness(ctx, { workflow, sources });
  return { sop: learningSubject(sop, version), ...readiness };
}
