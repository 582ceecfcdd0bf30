import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { accountActor } from '../process-os/authenticate.js';
import { recordsOf, type TenantActor } from '../process-os/tenant-actor.js';
import { resolveActor } from './resolve-actor.js';

/**
 * The tenant user an OS account acts as on this machine (`sopflow mcp`): the directory user the
 * account maps to (resolveActor), who must belong to a tenant; acts with their full account roles.
 * An account that maps to no one, or to a user of no tenant, is `unauthenticated` with what to run.
 */
export async function resolveTenantActor(store: RunStore, osUser: string): Promise<TenantActor> {
  const actor = await resolveActor(store, osUser);
  const tenantId = await serviceCall(() => recordsOf(store).accounts.tenantOf(actor.name));
  if (tenantId === undefined) {
    throw new ServiceError('unauthenticated', `the OS user "${osUser}" acts as ${actor.name}, who belongs to no tenant; the operator maps you to a tenant user with \`sopflow users add EMAIL --tenant T --role R --os-user ${osUser}\``, { osUser });
  }
  return { ...(await accountActor(store, tenantId, actor.name, 'session')), ...(actor.osUser === undefined ? {} : { osUser: actor.osUser }) };
}
