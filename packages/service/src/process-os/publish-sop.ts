import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { findSopOf, getSop } from './get-sop.js';
import type { SopDetail } from './sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';
import { writeLibrary } from './change-counters.js';

/** Publishes a draft: status draft → active, and the current version records its approver and time (certification `approved`). Not a draft: conflict. */
export async function publishSop(ctx: ProcessContext, sopId: string): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.publish');
  const { sop, version } = await findSopOf(ctx, actor.tenantId, sopId);
  if (sop.status !== 'draft') throw new ServiceError('conflict', `SOP ${sopId} is ${sop.status}; only a draft is published`, { status: sop.status });
  const records = recordsOf(ctx.store);
  const at = new Date().toISOString();
  await writeLibrary(ctx.store, actor.tenantId, () => records.sops.approveVersion(actor.tenantId, version.id, actor.name, at, 'approved'));
  if (!await writeLibrary(ctx.store, actor.tenantId, () => records.sops.setStatus(actor.tenantId, sop.id, 'draft', 'active', at))) {
    throw new ServiceError('conflict', `SOP ${sopId} changed while it was being published`);
  }
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: 'sop.publish', target: sop.id, details: { version: version.id } }));
  return getSop(ctx, sopId);
}
