import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { ServiceContext } from '../service-context.js';
import { checkUserInput } from './check-user-input.js';
import { requireAdmin } from './require-admin.js';
import { userView, type UserView } from './user-view.js';
import { recordAccountChange } from './record-account-change.js';

export interface AddUserInput {
  name: string;
  roles: readonly string[];
  level?: string;
  admin?: boolean;
  osUser?: string;
}

/**
 * Adds a user to the store's directory. The first user of a fresh store becomes its admin and,
 * unless `osUser` is given, is mapped to `currentOsUser` (who is adding them); afterwards only
 * admins add users. A name or OS user already taken is a `conflict`. Recorded in the no-tenant admin log.
 */
export async function addUser(ctx: ServiceContext, input: AddUserInput, currentOsUser?: string): Promise<UserView & { first: boolean }> {
  checkUserInput(input);
  const users = await serviceCall(() => ctx.store.listUsers());
  const first = users.length === 0;
  if (!first) requireAdmin(ctx, 'add users');
  if (users.some((u) => u.name === input.name)) throw new ServiceError('conflict', `a user named ${input.name} already exists; change them with \`sopflow users set ${input.name}\``);
  const osUser = input.osUser ?? (first ? currentOsUser : undefined);
  const holder = osUser === undefined ? undefined : users.find((u) => u.osUser === osUser);
  if (holder !== undefined) throw new ServiceError('conflict', `the OS user ${osUser} is already mapped to ${holder.name}`);
  const user = await serviceCall(() => ctx.store.putUser({
    name: input.name, roles: [...input.roles], admin: first || input.admin === true,
    ...(input.level === undefined ? {} : { level: input.level }), ...(osUser === undefined ? {} : { osUser }),
  }));
  // A directory user belongs to no tenant: the no-tenant admin log records who added them ('local operator' for the first).
  await recordAccountChange(ctx, undefined, 'user.add', user.name, {
    roles: user.roles, admin: user.admin, ...(user.level === undefined ? {} : { level: user.level }), ...(user.osUser === undefined ? {} : { osUser: user.osUser }),
  });
  return { ...userView(user), first };
}
