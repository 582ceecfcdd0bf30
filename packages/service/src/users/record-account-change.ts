import { processRecordsOf } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import type { ServiceContext } from '../service-context.js';
import { createId } from '../process-os/create-id.js';

/** The tenant account a directory user is, if any: looked up before a change, so a removal can still name its tenant. */
export async function accountTenantOf(ctx: ServiceContext, name: string): Promise<string | undefined> {
  const records = processRecordsOf(ctx.store);
  if (records === undefined) return undefined;
  return (await serviceCall(() => records.accounts.findAccountByEmail(name)))?.tenantId;
}

/**
 * Records a directory change in the admin log of the tenant whose account user it is (`tenantId` from
 * `accountTenantOf`), or, for a user of no tenant (an operator), in the no-tenant log, which the whole-store
 * `audit verify` checks like any tenant's. Nothing on a store that keeps no admin log.
 */
export async function recordAccountChange(ctx: ServiceContext, tenantId: string | undefined, action: 'user.add' | 'user.remove' | 'user.change', name: string, details: unknown): Promise<void> {
  const records = processRecordsOf(ctx.store);
  if (records === undefined) return;
  const now = new Date();
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: tenantId ?? null, at: now.toISOString(), actor: ctx.actor?.name ?? 'local operator', action, target: name, details }));
}
