import type { TenantRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { checkName } from '../check-text.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { recordsOf, requireAdministrator, type ProcessContext } from './tenant-actor.js';

export interface TenantView { id: string; slug: string; name: string; created_at: string }

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Creates a tenant (the local operator only); the slug is lower-case letters, digits and dashes, unique (conflict otherwise). */
export async function createTenant(ctx: ProcessContext, input: { slug: string; name?: string }): Promise<TenantView> {
  if (ctx.localAdmin === undefined) throw new ServiceError('not_authorised', 'tenants are created by the operator of the server (sopflow tenants create NAME)');
  const by = requireAdministrator(ctx, undefined);
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) throw new ServiceError('invalid_request', `tenant name "${input.slug}": use lower-case letters, digits and dashes (at most 63)`, { field: 'name' });
  const records = recordsOf(ctx.store);
  if (await serviceCall(() => records.tenants.find(slug)) !== undefined) throw new ServiceError('conflict', `a tenant named ${slug} already exists`);
  const now = new Date();
  if (input.name !== undefined) checkName(input.name, 'name');
  const row: TenantRow = { id: createId('tn', now), slug, name: input.name ?? slug, createdAt: now.toISOString() };
  await serviceCall(() => records.tenants.insert(row));
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: row.id, at: row.createdAt, actor: by, action: 'tenant.create', target: row.id, details: { slug } }));
  return tenantView(row);
}

/** The tenant of an id or slug; not_found naming it otherwise. */
export async function findTenant(ctx: ProcessContext, idOrSlug: string): Promise<TenantView> {
  const row = await serviceCall(() => recordsOf(ctx.store).tenants.find(idOrSlug.trim().toLowerCase()));
  if (row === undefined) throw new ServiceError('not_found', `no tenant named ${idOrSlug}; create it with \`sopflow tenants create ${idOrSlug}\``, { tenant: idOrSlug });
  return tenantView(row);
}

/** Every tenant (the local operator). */
export async function listTenants(ctx: ProcessContext): Promise<TenantView[]> {
  return (await serviceCall(() => recordsOf(ctx.store).tenants.list())).map(tenantView);
}

function tenantView(row: TenantRow): TenantView {
  return { id: row.id, slug: row.slug, name: row.name, created_at: row.createdAt };
}
