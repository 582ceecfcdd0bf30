import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { checkUserInput } from './check-user-input.js';
import { requireAdmin } from './require-admin.js';
import { userView, type UserView } from './user-view.js';
import { writeCredentials } from '../process-os/change-counters.js';
import { accountTenantOf, recordAccountChange } from './record-account-change.js';

/** What `setUser` changes; fields left out stay as they are (`level: null` / `osUser: null` clear them). */
export interface SetUserChanges {
  roles?: readonly string[];
  level?: string | null;
  admin?: boolean;
  osUser?: string | null;
}

/** Changes a user (admins only), recorded in the admin log of the tenant whose account user it is. The last admin cannot give up admin: the directory would have no one to manage it. */
export async function setUser(ctx: ServiceContext, name: string, changes: SetUserChanges): Promise<UserView> {
  requireAdmin(ctx, 'change users');
  checkUserInput({ ...(changes.roles === undefined ? {} : { roles: changes.roles }), ...(typeof changes.level === 'string' ? { level: changes.level } : {}), ...(typeof changes.osUser === 'string' ? { osUser: changes.osUser } : {}) });
  const users = await serviceCall(() => ctx.store.listUsers());
  const user = users.find((u) => u.name === name);
  if (user === undefined) throw new ServiceError('not_found', `no user named ${name} in the directory`, { user: name });
  if (changes.admin === false && user.admin && users.filter((u) => u.admin).length === 1) {
    throw new ServiceError('conflict', `${name} is the only admin; make another user admin first`);
  }
  if (typeof changes.osUser === 'string') {
    const holder = users.find((u) => u.osUser === changes.osUser && u.name !== name);
    if (holder !== undefined) throw new ServiceError('conflict', `the OS user ${changes.osUser} is already mapped to ${holder.name}`);
  }
  const level = changes.level === undefined ? user.level : changes.level ?? undefined;
  const osUser = changes.osUser === undefined ? user.osUser : changes.osUser ?? undefined;
  const updated = await writeCredentials(ctx.store, () => ctx.store.putUser({
    name, roles: [...(changes.roles ?? user.roles)], admin: changes.admin ?? user.admin,
    ...(level === undefined ? {} : { level }), ...(osUser === undefined ? {} : { osUser }),
  }));
  await recordAccountChange(ctx, await accountTenantOf(ctx, name), 'user.change', name, {
    from: { roles: user.roles, admin: user.admin }, to: { roles: updated.roles, admin: updated.admin },
  });
  return userView(updated);
}
