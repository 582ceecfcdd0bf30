import { createHash } from 'node:crypto';
import type { UpdateCandidate } from '@sopflow/analysis';
import { bumpMinor } from '@sopflow/format';
import type { CandidateDecisionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { insertDraftVersion, validDocument } from './change-sop-version.js';
import { createId } from './create-id.js';
import { readSopDebrief, type DebriefPeriod } from './debrief-sop.js';
import type { SopVersionView } from './sop-versions.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** What became of an update candidate: `pending` until a person approves (a new draft) or rejects it (with a reason). */
export interface CandidateDecision { by: string; at: string; reason?: string; draftVersionId?: string }

/** An update candidate of an SOP as the server shows it: a stable id, the version it was proposed against, its status. */
export interface SopUpdateCandidate extends Omit<UpdateCandidate, 'status'> {
  /** `uc_` + a hash of the proposed change and the version it was proposed against: the same on every debrief of that version. */
  id: string;
  versionId: string;
  status: 'pending' | 'approved' | 'rejected';
  decision: CandidateDecision | null;
}

const APPROVE = 'sop.candidate.approve';
const REJECT = 'sop.candidate.reject';

/** Pure; the stable id of a candidate: its pattern and change, and the version it was proposed against. */
export function candidateId(versionId: string, candidate: Pick<UpdateCandidate, 'pattern' | 'change'>): string {
  return `uc_${createHash('sha256').update(JSON.stringify([versionId, candidate.pattern, candidate.change])).digest('hex').slice(0, 16)}`;
}

/**
 * The debrief's candidates with their stable ids and statuses, from the decisions the store keeps
 * for the SOP (one query). A rejected candidate stays rejected for that version: it is never pending again.
 */
export async function withCandidateStatus(ctx: ProcessContext, tenantId: string, sopId: string, versionId: string, candidates: readonly UpdateCandidate[]): Promise<SopUpdateCandidate[]> {
  const decisions = await candidateDecisions(ctx, tenantId, sopId);
  return candidates.map(({ status: _pending, ...candidate }) => {
    const id = candidateId(versionId, candidate);
    const decided = decisions.get(id);
    return { ...candidate, id, versionId, status: decided?.status ?? 'pending', decision: decided?.decision ?? null };
  });
}

/**
 * Approves an update candidate of the SOP's debrief (over `period`, default all its finished runs):
 * the change applied to the published version as a NEW DRAFT version (analysis' approveUpdateCandidate;
 * the published version is never touched), the decision kept by the store (the first decision on a
 * candidate stands, also when two people decide at once) and the candidate with its evidence in the
 * admin audit log. Editors and up. Unknown id `not_found`; decided already, not applicable or a
 * draft already open `conflict`.
 */
export async function approveSopUpdateCandidate(ctx: ProcessContext, sopId: string, id: string, period: DebriefPeriod = {}): Promise<{ version: SopVersionView }> {
  const actor = requirePermission(ctx, 'sops.write');
  const { candidate, debrief } = await pendingCandidate(ctx, sopId, id, period);
  const { sopRow: sop, version, workflow } = debrief;
  const { approveUpdateCandidate } = await import('@sopflow/analysis');
  const semver = bumpMinor(version.semver);
  const applied = approveUpdateCandidate(workflow, { ...candidate, status: 'pending' }, { version: semver });
  if (applied.workflow === undefined) {
    throw new ServiceError('conflict', `${candidate.title} cannot be applied: ${applied.diagnostics.map((d) => d.message).join('; ')}`, { diagnostics: applied.diagnostics });
  }
  const { stringifyWorkflow } = await import('@sopflow/format');
  const text = stringifyWorkflow(applied.workflow);
  validDocument(text, sop.workflowId);
  const draftId = createId('ver');
  await decide(ctx, { tenantId: actor.tenantId, sopId: sop.id, candidateId: candidate.id, versionId: version.id, status: 'approved', by: actor.name, at: new Date().toISOString(), reason: null, draftVersionId: draftId });
  try {
    const view = await insertDraftVersion(ctx, actor, sop, version, {
      id: draftId, text, semver, audit: { action: APPROVE, details: { candidateId: candidate.id, versionId: version.id, title: candidate.title, change: candidate.change, evidence: candidate.evidence } },
    });
    return { version: view };
  } catch (error) {
    await serviceCall(() => recordsOf(ctx.store).learning.withdrawCandidateDecision(actor.tenantId, candidate.id));
    throw error;
  }
}

/**
 * Rejects an update candidate with a reason (required: `invalid_request` naming `reason`): kept
 * with who and when by the store (and in the admin audit log); it is not proposed again for that
 * version. Editors and up. Decided already (also by someone at the same moment) `conflict`.
 */
export async function rejectSopUpdateCandidate(ctx: ProcessContext, sopId: string, id: string, input: { reason?: string } & DebriefPeriod): Promise<{ candidate: SopUpdateCandidate }> {
  const actor = requirePermission(ctx, 'sops.write');
  const reason = (input.reason ?? '').trim();
  if (reason === '') throw new ServiceError('invalid_request', 'a rejection needs a reason', { field: 'reason' });
  const { candidate } = await pendingCandidate(ctx, sopId, id, { ...(input.from === undefined ? {} : { from: input.from }), ...(input.to === undefined ? {} : { to: input.to }) });
  const at = new Date().toISOString();
  await decide(ctx, { tenantId: actor.tenantId, sopId: candidate.sopId, candidateId: candidate.id, versionId: candidate.versionId, status: 'rejected', by: actor.name, at, reason, draftVersionId: null });
  await serviceCall(() => recordsOf(ctx.store).audit.record({
    id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: REJECT, target: candidate.sopId,
    details: { candidateId: candidate.id, versionId: candidate.versionId, title: candidate.title, change: candidate.change, reason },
  }));
  const { sopId: _sop, ...shown } = candidate;
  return { candidate: { ...shown, status: 'rejected', decision: { by: actor.name, at, reason } } };
}

async function pendingCandidate(ctx: ProcessContext, sopId: string, id: string, period: DebriefPeriod) {
  const debrief = await readSopDebrief(ctx, sopId, period);
  const candidate = debrief.report.updateCandidates.find((c) => c.id === id);
  if (candidate === undefined) {
    const known = debrief.report.updateCandidates.map((c) => c.id).join(', ') || 'none';
    throw new ServiceError('not_found', `SOP ${debrief.sop.id} has no update candidate ${id} against version ${debrief.sop.semver} (candidates: ${known})`, { candidateId: id });
  }
  if (candidate.status !== 'pending') throw new ServiceError('conflict', `update candidate ${id} is already ${candidate.status}`, { candidateId: id, status: candidate.status });
  return { candidate: { ...candidate, sopId: debrief.sop.id }, debrief };
}

/** Stores the decision, or `conflict` when someone decided on the candidate first. */
async function decide(ctx: ProcessContext, row: CandidateDecisionRow): Promise<void> {
  if (!await serviceCall(() => recordsOf(ctx.store).learning.decideCandidate(row))) {
    throw new ServiceError('conflict', `update candidate ${row.candidateId} was decided by someone else just now`, { candidateId: row.candidateId });
  }
}

async function candidateDecisions(ctx: ProcessContext, tenantId: string, sopId: string): Promise<Map<string, { status: 'approved' | 'rejected'; decision: CandidateDecision }>> {
  const rows = await serviceCall(() => recordsOf(ctx.store).learning.listCandidateDecisions(tenantId, sopId));
  return new Map(rows.map((row) => [row.candidateId, {
    status: row.status,
    decision: { by: row.by, at: row.at, ...(row.reason === null ? {} : { reason: row.reason }), ...(row.draftVersionId === null ? {} : { draftVersionId: row.draftVersionId }) },
  }]));
}
