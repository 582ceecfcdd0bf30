import { bumpMinor, validateSource, type Workflow } from '@sopflow/format';
import { contentHash } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { validWorkflowOf } from '../valid-workflow.js';
import { createId } from './create-id.js';
import { notAWorkflow } from './create-sop.js';
import { findSopOf, getSop } from './get-sop.js';
import { disableRoutineOf, disableRoutineUnfitFor } from './set-routine.js';
import { findVersionOf, versionView, type SopVersionView } from './sop-versions.js';
import type { SopDetail } from './sop-views.js';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { recordsOf, requirePermission, type ProcessContext, type TenantActor } from './tenant-actor.js';
import { writeLibrary } from './change-counters.js';

/**
 * Pure; the workflow of valid .osop text, or invalid_document (422) with every diagnostic's line
 * and column and the text as sent in `details.text` (so an editor never loses it).
 */
export function validDocument(text: string, workflowId?: string): Workflow {
  const workflow = validWorkflowOf(validateSource(text, 'sop.osop'), (report) => notAWorkflow(report, { text }));
  if (workflowId !== undefined && workflow.id !== workflowId) {
    throw new ServiceError('invalid_document', `the document's id is ${workflow.id}; a version of this SOP keeps the id ${workflowId}`, {
      diagnostics: [{ code: 'id-changed', severity: 'error', message: `id must stay ${workflowId}`, line: 1, column: 1 }], text,
    });
  }
  return workflow;
}

/**
 * Replaces the text of a draft version (never a published one: conflict). Invalid text is 422 with
 * diagnostics and the text echoed back; the stored draft is unchanged. The draft of a draft SOP
 * also renames the SOP after the document. Recorded in the admin audit log (`sop.edit`).
 */
export async function editDraftVersion(ctx: ProcessContext, sopId: string, versionId: string, input: { osop: string }): Promise<SopVersionView> {
  const actor = requirePermission(ctx, 'sops.write');
  const { sop, version } = await findVersionOf(ctx, actor.tenantId, sopId, versionId);
  if (version.approvedAt !== null) throw new ServiceError('conflict', `version ${versionId} is published and immutable; start a new draft (POST /api/sops/${sopId}/versions)`, { versionId });
  const workflow = validDocument(input.osop, sop.workflowId);
  const records = recordsOf(ctx.store);
  const semver = workflow.version ?? version.semver;
  if (!await writeLibrary(ctx.store, actor.tenantId, () => records.sops.updateDraftVersion(actor.tenantId, version.id, { text: input.osop, contentHash: contentHash(input.osop), semver }))) {
    throw new ServiceError('conflict', `version ${versionId} was published while it was being edited`, { versionId });
  }
  const at = new Date().toISOString();
  if (sop.status === 'draft' && sop.currentVersionId === version.id) {
    await writeLibrary(ctx.store, actor.tenantId, () => records.sops.setCurrent(actor.tenantId, sop.id, ['draft'], { versionId: version.id, status: 'draft', title: workflow.name, description: workflow.description ?? null }, at));
  }
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'sop.edit', target: sop.id, details: { version: version.id, semver } }));
  const after = await findVersionOf(ctx, actor.tenantId, sopId, versionId);
  return versionView(after.version, after.sop);
}

/**
 * A new draft version of an active SOP, copied from one of its published versions (default the
 * current one), semver's minor bumped. One draft at a time: conflict naming the open draft.
 */
export async function createDraftVersion(ctx: ProcessContext, sopId: string, input: { fromVersionId?: string } = {}): Promise<SopVersionView> {
  const actor = requirePermission(ctx, 'sops.write');
  const { sop, version: source } = input.fromVersionId === undefined ? await findSopOf(ctx, actor.tenantId, sopId) : await findVersionOf(ctx, actor.tenantId, sopId, input.fromVersionId);
  return insertDraftVersion(ctx, actor, sop, source, { text: source.text, semver: bumpMinor(source.semver), audit: { action: 'sop.draft', details: {} } });
}

/** A draft's text and semver, and the admin audit row that records why it was made (`details` gains `version` and `from`). */
export interface DraftVersionInput {
  text: string; semver: string; audit: { action: string; details: Record<string, unknown> };
  /** The new version's id when the caller recorded it elsewhere first (default a fresh one). */
  id?: string;
}

/**
 * Inserts a new draft version of an active SOP made from its published version `source` (a copy,
 * an approved update candidate, a delegation change) and records it in the admin audit log; the
 * published version is never touched. One draft at a time: conflict naming the open draft.
 */
export async function insertDraftVersion(ctx: ProcessContext, actor: TenantActor, sop: SopRow, source: SopVersionRow, input: DraftVersionInput): Promise<SopVersionView> {
  if (sop.status !== 'active') throw new ServiceError('conflict', `SOP ${sop.id} is ${sop.status}; a new draft starts from an active SOP`, { status: sop.status });
  if (source.approvedAt === null) throw new ServiceError('conflict', `version ${source.id} is itself a draft`, { versionId: source.id });
  const records = recordsOf(ctx.store);
  const open = (await serviceCall(() => records.sops.listVersions(actor.tenantId, sop.id))).find((v) => v.approvedAt === null);
  if (open !== undefined) throw new ServiceError('conflict', `SOP ${sop.id} already has the draft ${open.id}; edit or publish it first`, { draftId: open.id });
  const now = new Date();
  const row = {
    id: input.id ?? createId('ver', now), tenantId: actor.tenantId, sopId: sop.id, semver: input.semver, contentHash: contentHash(input.text), text: input.text,
    certification: 'uncertified', approvedBy: null, approvedAt: null, createdBy: actor.name, createdAt: now.toISOString(),
  };
  await writeLibrary(ctx.store, actor.tenantId, () => records.sops.insertVersion(row));
  await serviceCall(() => records.audit.record({
    id: createId('au', now), tenantId: actor.tenantId, at: row.createdAt, actor: actor.name, action: input.audit.action, target: sop.id, details: { ...input.audit.details, version: row.id, from: source.id },
  }));
  return versionView(row, sop);
}

/**
 * Publishes a draft version (records the approver); the SOP runs it from now on and is active. A
 * published version or an archived SOP is conflict. An enabled routine whose inputs the version does
 * not take is turned off, audited with why (disableRoutineUnfitFor).
 */
export async function publishSopVersion(ctx: ProcessContext, sopId: string, versionId: string): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.publish');
  const { sop, version } = await findVersionOf(ctx, actor.tenantId, sopId, versionId);
  if (version.approvedAt !== null) throw new ServiceError('conflict', `version ${versionId} is already published`, { versionId });
  if (sop.status === 'archived') throw new ServiceError('conflict', `SOP ${sopId} is archived`, { status: sop.status });
  const workflow = validDocument(version.text, sop.workflowId);
  const records = recordsOf(ctx.store);
  const at = new Date().toISOString();
  await writeLibrary(ctx.store, actor.tenantId, () => records.sops.approveVersion(actor.tenantId, version.id, actor.name, at, 'approved'));
  if (!await writeLibrary(ctx.store, actor.tenantId, () => records.sops.setCurrent(actor.tenantId, sop.id, ['draft', 'active'], { versionId: version.id, status: 'active', title: workflow.name, description: workflow.description ?? null }, at))) {
    throw new ServiceError('conflict', `SOP ${sopId} changed while it was being published`);
  }
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'sop.publish', target: sop.id, details: { version: version.id } }));
  await disableRoutineUnfitFor(ctx, actor, sop, version);
  return getSop(ctx, sopId);
}

/**
 * Archives an SOP (draft or active → archived): it no longer runs, and its routine is turned off
 * (audited `routine.disable`, reason `sop.archive`); its versions and runs stay. Already archived is conflict.
 */
export async function archiveSop(ctx: ProcessContext, sopId: string): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.publish');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  if (sop.status === 'archived') throw new ServiceError('conflict', `SOP ${sopId} is already archived`, { status: sop.status });
  const records = recordsOf(ctx.store);
  const at = new Date().toISOString();
  if (!await writeLibrary(ctx.store, actor.tenantId, () => records.sops.setStatus(actor.tenantId, sop.id, sop.status, 'archived', at))) throw new ServiceError('conflict', `SOP ${sopId} changed while it was being archived`);
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'sop.archive', target: sop.id, details: { from: sop.status } }));
  await disableRoutineOf(ctx, actor, sop.id, 'sop.archive');
  return getSop(ctx, sopId);
}

