import { createHash, randomBytes } from 'node:crypto';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { findTenant } from './create-tenant.js';
import { recordsOf, requireAdministrator, TOKEN_SCOPES, type ProcessContext, type TokenScope } from './tenant-actor.js';
import { writeCredentials } from './change-counters.js';

/** SHA-256 hex of a secret: what the store keeps for tokens and session ids. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * Creates an API token for a user of a tenant, scoped read | run | admin; returns the token once
 * (`sfk_` + 32 random bytes) — the store keeps only its SHA-256. Local operator or a tenant admin.
 */
export async function createToken(ctx: ProcessContext, input: { tenant: string; user: string; scope: string }): Promise<{ id: string; token: string; scope: TokenScope; user: string; tenant: string }> {
  const tenant = await findTenant(ctx, input.tenant);
  const by = requireAdministrator(ctx, tenant.id);
  if (!(TOKEN_SCOPES as readonly string[]).includes(input.scope)) throw new ServiceError('invalid_request', `--scope ${input.scope}: use read, run or admin`, { field: 'scope' });
  const records = recordsOf(ctx.store);
  const email = input.user.trim().toLowerCase();
  const account = await serviceCall(() => records.accounts.findAccount(tenant.id, email));
  if (account === undefined) throw new ServiceError('not_found', `no user ${email} in tenant ${tenant.slug}; add one with \`sopflow users add ${email} --tenant ${tenant.slug} --role ROLE\``);
  const now = new Date();
  const token = `sfk_${randomBytes(32).toString('base64url')}`;
  const id = createId('tok', now);
  await serviceCall(() => records.accounts.insertToken({
    id, tenantId: tenant.id, userName: account.userName, scope: input.scope, tokenHash: hashSecret(token), createdAt: now.toISOString(), revokedAt: null, lastUsedAt: null,
  }));
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: tenant.id, at: now.toISOString(), actor: by, action: 'token.create', target: id, details: { user: email, scope: input.scope } }));
  return { id, token, scope: input.scope as TokenScope, user: email, tenant: tenant.slug };
}

/** Revokes a token: from that moment it authenticates nobody. Local operator or an admin of the token's tenant; unknown id is not_found. */
export async function revokeToken(ctx: ProcessContext, id: string): Promise<{ id: string; revoked_at: string }> {
  const records = recordsOf(ctx.store);
  const row = await serviceCall(() => records.accounts.findToken(id));
  if (row === undefined || (ctx.actor !== undefined && ctx.actor.tenantId !== row.tenantId)) throw new ServiceError('not_found', `no token ${id}`);
  const by = requireAdministrator(ctx, row.tenantId);
  const now = new Date().toISOString();
  await writeCredentials(ctx.store, () => records.accounts.revokeToken(id, now));
  await serviceCall(() => records.audit.record({ id: createId('au'), tenantId: row.tenantId, at: now, actor: by, action: 'token.revoke', target: id, details: null }));
  return { id, revoked_at: row.revokedAt ?? now };
}
