import { createHash } from 'node:crypto';
import type { UpdateCandidate } from '@sopflow/analysis';
import type { AdminAuditRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { bumpMinor, insertDraftVersion, validDocument } from './change-sop-version.js';
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
 * The debrief's candidates with their stable ids and statuses, from the approvals and rejections the
 * admin audit log holds for the SOP (two queries). A rejected candidate stays rejected for that
 * version: it is never pending again.
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
 * the published version is never touched), the candidate and its evidence in the admin audit log.
 * Editors and up. Unknown id `not_found`; decided already, not applicable or a draft already open `conflict`.
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
  const view = await insertDraftVersion(ctx, actor, sop, version, {
    text, semver, audit: { action: APPROVE, details: { candidateId: candidate.id, versionId: version.id, title: candidate.title, change: candidate.change, evidence: candidate.evidence } },
  });
  return { version: view };
}

/**
 * Rejects an update candidate with a reason (required: `invalid_request` naming `reason`): recorded
 * with who and when in the admin audit log; it is not proposed again for that version. Editors and up.
 */
export async function rejectSopUpdateCandidate(ctx: ProcessContext, sopId: string, id: string, input: { reason?: string } & DebriefPeriod): Promise<{ candidate: SopUpdateCandidate }> {
  const actor = requirePermission(ctx, 'sops.write');
  const reason = (input.reason ?? '').trim();
  if (reason === '') throw new ServiceError('invalid_request', 'a rejection needs a reason', { field: 'reason' });
  const { candidate } = await pendingCandidate(ctx, sopId, id, { ...(input.from === undefined ? {} : { from: input.from }), ...(input.to === undefined ? {} : { to: input.to }) });
  const at = new Date().toISOString();
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

async function candidateDecisions(ctx: ProcessContext, tenantId: string, sopId: string): Promise<Map<string, { status: 'approved' | 'rejected'; decision: CandidateDecision }>> {
  const audit = recordsOf(ctx.store).audit;
  const [approved, rejected] = await Promise.all([serviceCall(() => audit.find(tenantId, APPROVE, sopId)), serviceCall(() => audit.find(tenantId, REJECT, sopId))]);
  const out = new Map<string, { status: 'approved' | 'rejected'; decision: CandidateDecision }>();
  // The first decision on a candidate stands (rows are oldest first).
  const add = (row: AdminAuditRow, status: 'approved' | 'rejected') => {
    const details = row.details as { candidateId: string; reason?: string; version?: string };
    const known = out.get(details.candidateId);
    if (known !== undefined && known.decision.at <= row.at) return;
    out.set(details.candidateId, {
      status, decision: { by: row.actor, at: row.at, ...(details.reason === undefined ? {} : { reason: details.reason }), ...(status === 'approved' && details.version !== undefined ? { draftVersionId: details.version } : {}) },
    });
  };
  for (const row of approved) add(row, 'approved');
  for (const row of rejected) add(row, 'rejected');
  return out;
}
