import { delegationReadiness, type DelegationReadiness } from '../delegation/delegation-readiness.js';
import { ServiceError } from '../service-error.js';
import { recordedTrials } from './delegation-trials.js';
import { learningSubject, type LearningSubject } from './debrief-sop.js';
import { givenPerStep, readAssumptionEdits } from './opportunity-assumptions.js';
import { readSopRunSources } from './sop-run-records.js';
import { editedOf } from './tenant-opportunities.js';
import type { ProcessContext } from './tenant-actor.js';

export interface SopDelegation extends Omit<DelegationReadiness, 'workflow' | 'portfolio'> {
  sop: LearningSubject;
  /** The SOP's opportunities with the tenant's ids (`SOP_ID#STEP_ID`, as PATCH /api/opportunities/{id} takes) and who edited their assumptions. */
  portfolio: Omit<DelegationReadiness['portfolio'], 'items'> & { items: (DelegationReadiness['portfolio']['items'][number] & { edited: { by: string; at: string } | null })[] };
}

/**
 * Per step of one SOP: the delegation evidence (trials, reviews, 95 % intervals, caps), what the
 * ladder allows and what is missing, and the SOP's ranked opportunities (with the tenant's edited
 * assumptions), from its finished runs and the trials recorded for it.
 * Reads only; an SOP without finished runs is `empty`.
 */
export async function getSopDelegation(ctx: ProcessContext, sopId: string): Promise<SopDelegation> {
  const { sop, version, workflow, sources } = await readSopRunSources(ctx, sopId);
  if (sources.length === 0) throw new ServiceError('empty', `SOP ${sop.id} has no finished runs yet`, { sopId: sop.id });
  const edits = await readAssumptionEdits(ctx, sop.tenantId, sop.id);
  const trials = await recordedTrials(ctx, sop.tenantId, sop.id);
  const { workflow: _id, portfolio, ...readiness } = await delegationReadiness(ctx, { workflow, sources, givenPerStep: givenPerStep(edits, sop.id), ...(trials === undefined ? {} : { trials }) });
  const items = portfolio.items.map((item) => ({ ...item, id: `${sop.id}#${item.nodeId}`, edited: editedOf(edits.get(`${sop.id}#${item.nodeId}`)) }));
  return { sop: learningSubject(sop, version), ...readiness, portfolio: { ...portfolio, items } };
}
