import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { findSopOf, getSop } from '../process-os/get-sop.js';
import type { SopDetail } from '../process-os/sop-views.js';
import { recordsOf, requirePermission, type ProcessContext } from '../process-os/tenant-actor.js';
import { writeLibrary } from '../process-os/change-counters.js';

/**
 * Marks an SOP public (listed in the tenant's `.sop` collection while it is active) or private
 * again: an explicit choice of someone who may publish (owner, admin, editor), recorded in the
 * admin audit. Another tenant's SOP is not_found.
 */
export async function setSopPublic(ctx: ProcessContext, sopId: string, isPublic: boolean): Promise<SopDetail> {
  const actor = requirePermission(ctx, 'sops.publish');
  if (typeof isPublic !== 'boolean') throw new ServiceError('invalid_request', 'public is true or false', { field: 'public' });
  const { sop } = await findSopOf(ctx, actor.tenantId, sopId);
  const records = recordsOf(ctx.store);
  const at = new Date().toISOString();
  if (!await writeLibrary(ctx.store, actor.tenantId, () => records.sops.setPublic(actor.tenantId, sop.id, isPublic, at))) throw new ServiceError('not_found', `no SOP ${sopId}`, { sopId });
  await serviceCall(() => records.audit.record({
    id: createId('au'), tenantId: actor.tenantId, at, actor: actor.name, action: isPublic ? 'sop.make_public' : 'sop.make_private', target: sop.id, details: null,
  }));
  return getSop(ctx, sopId);
}
