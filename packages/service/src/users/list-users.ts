import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { userView, type UserView } from './user-view.js';

/** Every user of the store's directory, by name, with the directory version. Reads only. */
export async function listUsers(ctx: ServiceContext): Promise<{ version: number; users: UserView[] }> {
  const users = await serviceCall(() => ctx.store.listUsers());
  const version = await serviceCall(() => ctx.store.directoryVersion());
  return { version, users: users.map(userView).sort((a, b) => a.name.localeCompare(b.name)) };
}
