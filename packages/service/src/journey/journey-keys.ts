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
