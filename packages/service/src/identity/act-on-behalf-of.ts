import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import type { Actor } from '../service-context.js';
import { actorOf } from './resolve-actor.js';

/** The user an admin acts for (`--on-behalf-of`): only admins may; the user must exist. */
export async function actOnBehalfOf(store: RunStore, actor: Actor, name: string): Promise<Actor> {
  if (!actor.admin) throw new ServiceError('not_authorised', `only an admin may act on behalf of another user; ${actor.name} is not an admin`, { actor: actor.name });
  const user = await serviceCall(() => store.getUser(name));
  if (user === undefined) throw new ServiceError('not_found', `no user named ${name} in the directory`, { user: name });
  return actorOf(user);
}
