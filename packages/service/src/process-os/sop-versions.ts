import type { WorkflowDiff } from '@sopflow/analysis';
import { parseWorkflowSource } from '@sopflow/engine';
import type { SopRow, SopVersionRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { diffWorkflows } from '../analysis/diff-processes.js';
import { findSopOf } from './get-sop.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** One immutable version of an SOP: `draft` until someone publishes it (then `published`, with approver and time). */
export interface SopVersionView {
  id: string;
  sopId: string;
  semver: string;
  contentHash: string;
  certification: string;
  state: 'draft' | 'published';
  /** The version the SOP runs (or, for a draft SOP, the one being written). */
  current: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  createdBy: string;
  createdAt: string;
}

/** Pure; a version row as the API shows it. */
export function versionView(row: SopVersionRow, sop: SopRow): SopVersionView {
  return {
    id: row.id, sopId: row.sopId, semver: row.semver, contentHash: row.contentHash, certification: row.certification,
    state: row.approvedAt === null ? 'draft' : 'published', current: row.id === sop.currentVersionId,
    approvedBy: row.approvedBy, approvedAt: row.approvedAt, createdBy: row.createdBy, createdAt: row.createdAt,
  };
}

/** The SOP's versions, oldest first; another tenant's SOP is not_found. */
export async function listSopVersions(ctx: ProcessContext, sopId: string): Promise<SopVersionView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  const rows = await serviceCall(() => recordsOf(ctx.store).sops.listVersions(actor.tenantId, sop.id));
  return rows.map((row) => versionView(row, sop));
}

/** A version of one of the tenant's SOPs, with the SOP; a version of another SOP (or tenant) is not_found. */
export async function findVersionOf(ctx: ProcessContext, tenantId: string, sopId: string, versionId: string): Promise<{ sop: SopRow; version: SopVersionRow }> {
  const { sop } = await findSopOf(ctx, tenantId, sopId);
  const version = await serviceCall(() => recordsOf(ctx.store).sops.findVersion(tenantId, versionId));
  if (version === undefined || version.sopId !== sop.id) throw new ServiceError('not_found', `SOP ${sopId} has no version ${versionId}`, { sopId, versionId });
  return { sop, version };
}

/**
 * One version: its view, its `.osop` text byte for byte, and (format `json`) the parsed workflow.
 * `versionId` may be `current`.
 */
export async function getSopVersion(
  ctx: ProcessContext, sopId: string, versionId: string, format: 'yaml' | 'json' = 'yaml',
): Promise<{ version: SopVersionView; fileName: string; text: string; workflow?: unknown }> {
  const actor = requirePermission(ctx, 'sops.read');
  const { sop, version } = versionId === 'current' ? await findSopOf(ctx, actor.tenantId, sopId) : await findVersionOf(ctx, actor.tenantId, sopId, versionId);
  const fileName = `${sop.workflowId}.v${version.semver}.osop`;
  if (format === 'yaml') return { version: versionView(version, sop), fileName, text: version.text };
  const { workflow } = await serviceCall(async () => parseWorkflowSource(version.text, fileName));
  return { version: versionView(version, sop), fileName, text: version.text, workflow };
}

/** Two versions of one SOP compared: steps, edges and fields added, removed and changed, and the semantic summary (most severe first). */
export async function diffSopVersions(ctx: ProcessContext, sopId: string, fromId: string, toId: string): Promise<{ from: SopVersionView; to: SopVersionView; diff: WorkflowDiff }> {
  const actor = requirePermission(ctx, 'sops.read');
  const a = fromId === 'current' ? await findSopOf(ctx, actor.tenantId, sopId) : await findVersionOf(ctx, actor.tenantId, sopId, fromId);
  const b = toId === 'current' ? await findSopOf(ctx, actor.tenantId, sopId) : await findVersionOf(ctx, actor.tenantId, sopId, toId);
  const [wa, wb] = await serviceCall(async () => [
    parseWorkflowSource(a.version.text, `${a.sop.workflowId}.osop`).workflow,
    parseWorkflowSource(b.version.text, `${b.sop.workflowId}.osop`).workflow,
  ]);
  return { from: versionView(a.version, a.sop), to: versionView(b.version, b.sop), diff: await diffWorkflows(wa, wb) };
}
