import { ServiceError } from '../service-error.js';
import type { Actor, ServiceContext } from '../service-context.js';

/** The context's actor when an admin; `unauthenticated` without one, `not_authorised` for anyone else. */
export function requireAdmin(ctx: ServiceContext, action: string): Actor {
  if (ctx.actor === undefined) throw new ServiceError('unauthenticated', `${action} needs an admin of this store's directory`);
  if (!ctx.actor.admin) throw new ServiceError('not_authorised', `only an admin may ${action}; ${ctx.actor.name} is not an admin`, { actor: ctx.actor.name });
  return ctx.actor;
}
