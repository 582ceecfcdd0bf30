import type { RunStore, UserRecord } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { Actor } from '../service-context.js';

/** A directory user as the actor who acts. */
export function actorOf(user: UserRecord): Actor {
  return { name: user.name, roles: [...user.roles], ...(user.level === undefined ? {} : { level: user.level }), admin: user.admin, ...(user.osUser === undefined ? {} : { osUser: user.osUser }) };
}

/**
 * The directory user an OS account acts as: the user whose `osUser` is that account, else the user
 * of that name with no `osUser` set. An account no user maps to is `unauthenticated`, with what an
 * admin runs to add it.
 */
export async function resolveActor(store: RunStore, osUser: string): Promise<Actor> {
  const users = await serviceCall(() => store.listUsers());
  const user = users.find((u) => u.osUser === osUser) ?? users.find((u) => u.osUser === undefined && u.name === osUser);
  if (user !== undefined) return actorOf(user);
  const hint = users.length === 0
    ? 'this store has no users yet: the first `sopflow users add NAME --role ROLE` makes you its admin'
    : `an admin adds you with \`sopflow users add NAME --role ROLE --os-user ${osUser}\``;
  throw new ServiceError('unauthenticated', `the OS user "${osUser}" is not a user of this store's directory; ${hint}`, { osUser });
}
