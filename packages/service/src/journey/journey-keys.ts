import { randomBytes } from 'node:crypto';
import type { JourneyKeyRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from '../process-os/create-id.js';
import { findTenant } from '../process-os/create-tenant.js';
import { recordsOf, requireAdministrator, type ProcessContext } from '../process-os/tenant-actor.js';

export interface JourneyKeyView { key: string; tenant: string; origins: string[]; created_at: string }

/**
 * Creates a journey key for a tenant: `jk_` + 16 random bytes. It is public — a site embeds it —
 * and only routes events to the tenant. `origins` (`https://shop.example`) are the sites whose
 * pages may send events with it; none = any origin. Local operator or a tenant admin.
 */
export async function createJourneyKey(ctx: ProcessContext, input: { tenant: string; origins?: readonly string[] }): Promise<JourneyKeyView> {
  const tenant = await findTenant(ctx, input.tenant);
  const by = requireAdministrator(ctx, tenant.id);
  const origins = (input.origins ?? []).map(originOf);
  const now = new Date();
  const row: JourneyKeyRow = { key: `jk_${randomBytes(16).toString('base64url')}`, tenantId: tenant.id, origins, createdBy: by, createdAt: now.toISOString(), revokedAt: null };
  const records = recordsOf(ctx.store);
  await serviceCall(() => records.journeys.insertKey(row));
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: tenant.id, at: row.createdAt, actor: by, action: 'journey_key.create', target: row.key, details: { origins } }));
  return { key: row.key, tenant: tenant.slug, origins, created_at: row.createdAt };
}

/** The tenant's journey keys, oldest first. Local operator or a tenant admin. */
export async function listJourneyKeys(ctx: ProcessContext, tenantName: string): Promise<JourneyKeyView[]> {
  const tenant = await findTenant(ctx, tenantName);
  requireAdministrator(ctx, tenant.id);
  const rows = await serviceCall(() => recordsOf(ctx.store).journeys.listKeys(tenant.id));
  return rows.filter((r) => r.revokedAt === null).map((r) => ({ key: r.key, tenant: tenant.slug, origins: r.origins, created_at: r.createdAt }));
}

/**
 * Revokes one of the tenant's journey keys: from the next request on, the collector answers it as an
 * unknown key (404, under the unknown-key budget) and it leaves `journey key list`. Its events stay.
 * Unknown, another tenant's or already revoked: not_found. Local operator or a tenant admin.
 */
export async function revokeJourneyKey(ctx: ProcessContext, input: { tenant: string; key: string }): Promise<JourneyKeyView & { revoked_at: string }> {
  const tenant = await findTenant(ctx, input.tenant);
  const by = requireAdministrator(ctx, tenant.id);
  const records = recordsOf(ctx.store);
  const row = await serviceCall(() => records.journeys.findKey(input.key));
  const at = new Date();
  if (row === undefined || row.tenantId !== tenant.id || !await serviceCall(() => records.journeys.revokeKey(tenant.id, input.key, at.toISOString()))) {
    throw new ServiceError('not_found', `tenant ${tenant.slug} has no journey key ${input.key} in use`, { key: input.key });
  }
  await serviceCall(() => records.audit.record({ id: createId('au', at), tenantId: tenant.id, at: at.toISOString(), actor: by, action: 'journey_key.revoke', target: row.key, details: {} }));
  return { key: row.key, tenant: tenant.slug, origins: row.origins, created_at: row.createdAt, revoked_at: at.toISOString() };
}

/** The origin (scheme://host[:port]) of a URL, as browsers send it in the Origin header; invalid_request otherwise. */
function originOf(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ServiceError('invalid_request', `--origin ${text}: give a site's origin such as https://shop.example`, { field: 'origins' });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ServiceError('invalid_request', `--origin ${text}: only http and https sites send beacons`, { field: 'origins' });
  return url.origin;
}
