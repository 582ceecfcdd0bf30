import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { requireAdmin } from './require-admin.js';
import { writeCredentials } from '../process-os/change-counters.js';
import { accountTenantOf, recordAccountChange } from './record-account-change.js';

/** Removes a user (admins only); decisions they made stay recorded under their name, and a tenant's account user's removal in its admin log. The last admin cannot be removed. */
export async function removeUser(ctx: ServiceContext, name: string): Promise<void> {
  requireAdmin(ctx, 'remove users');
  const users = await serviceCall(() => ctx.store.listUsers());
  const user = users.find((u) => u.name === name);
  if (user === undefined) throw new ServiceError('not_found', `no user named ${name} in the directory`, { user: name });
  if (user.admin && users.filter((u) => u.admin).length === 1) throw new ServiceError('conflict', `${name} is the only admin and cannot be removed`);
  const tenantId = await accountTenantOf(ctx, name);
  await writeCredentials(ctx.store, () => ctx.store.removeUser(name));
  await recordAccountChange(ctx, tenantId, 'user.remove', name, { roles: user.roles, admin: user.admin });
}
