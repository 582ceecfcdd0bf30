import { randomBytes } from 'node:crypto';
import { serviceCall } from '../as-service-error.js';
import { addAccountUser } from './add-account-user.js';
import { createTenant } from './create-tenant.js';
import { recordsOf, type ProcessContext } from './tenant-actor.js';

export interface FirstLogin { tenant: string; email: string; password: string }

/**
 * On a store with no tenant yet: creates the tenant `default` and its owner `owner@localhost` with
 * a random password, returned once (only its scrypt hash is stored). Undefined when a tenant exists.
 */
export async function bootstrapFirstTenant(ctx: ProcessContext): Promise<FirstLogin | undefined> {
  if ((await serviceCall(() => recordsOf(ctx.store).tenants.list())).length > 0) return undefined;
  const tenant = await createTenant(ctx, { slug: 'default', name: 'Default' });
  const password = randomBytes(12).toString('base64url');
  const user = await addAccountUser(ctx, { tenant: tenant.slug, email: 'owner@localhost', roles: ['owner'], password });
  return { tenant: tenant.slug, email: user.email, password };
}
