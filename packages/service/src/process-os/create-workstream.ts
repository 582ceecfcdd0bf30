import { serviceCall } from '../as-service-error.js';
import { checkName } from '../check-text.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

export interface WorkstreamView { id: string; name: string; createdAt: string }

/** Creates a workstream (a group of SOPs) in the actor's tenant; editors and up; recorded in the admin audit log (`workstream.create`). */
export async function createWorkstream(ctx: ProcessContext, input: { name: string }): Promise<WorkstreamView> {
  const actor = requirePermission(ctx, 'sops.write');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 200) throw new ServiceError('invalid_request', 'a workstream has a name of 1 to 200 characters', { field: 'name' });
  checkName(name, 'name');
  const now = new Date();
  const row = { id: createId('ws', now), tenantId: actor.tenantId, name, createdAt: now.toISOString() };
  const records = recordsOf(ctx.store);
  await serviceCall(() => records.sops.insertWorkstream(row));
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: actor.tenantId, at: row.createdAt, actor: actor.name, action: 'workstream.create', target: row.id, details: { name } }));
  return { id: row.id, name: row.name, createdAt: row.createdAt };
}

/** The tenant's workstreams. */
export async function listWorkstreams(ctx: ProcessContext): Promise<WorkstreamView[]> {
  const actor = requirePermission(ctx, 'sops.read');
  return (await serviceCall(() => recordsOf(ctx.store).sops.listWorkstreams(actor.tenantId))).map((w) => ({ id: w.id, name: w.name, createdAt: w.createdAt }));
}
