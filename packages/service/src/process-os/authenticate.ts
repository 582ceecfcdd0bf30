import type { RunStore } from '@sopflow/engine';
import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { hashSecret } from './api-tokens.js';
import { accountRolesOf, recordsOf, type TenantActor, type TokenScope } from './tenant-actor.js';

const BAD_TOKEN = 'the token is not valid (unknown or revoked)';

/** A token's recorded last use is at most this old: a busy client writes it once a minute, not on every request. */
export const TOKEN_LAST_USED_STEP_MS = 60_000;

/**
 * The tenant user an API token acts as; unknown, revoked, or whose user is gone: unauthenticated.
 * Records the token's last use when the recorded one is over a minute older than `now` (or none).
 */
export async function authenticateToken(store: RunStore, token: string, now: Date = new Date()): Promise<TenantActor> {
  const records = recordsOf(store);
  const row = await serviceCall(() => records.accounts.findTokenByHash(hashSecret(token)));
  if (row === undefined || row.revokedAt !== null) throw new ServiceError('unauthenticated', BAD_TOKEN);
  const actor = await accountActor(store, row.tenantId, row.userName, row.scope as TokenScope, row.id);
  if (row.lastUsedAt === null || now.getTime() - Date.parse(row.lastUsedAt) >= TOKEN_LAST_USED_STEP_MS) {
    await serviceCall(() => records.accounts.touchToken(row.id, now.toISOString()));
  }
  return actor;
}

/** The tenant user a session id acts as, with the session's CSRF token and when it expires (ISO 8601); unknown or expired: unauthenticated. */
export async function authenticateSession(store: RunStore, sessionId: string, now: Date = new Date()): Promise<{ actor: TenantActor; csrfToken: string; expiresAt: string }> {
  const row = await serviceCall(() => recordsOf(store).accounts.findSession(hashSecret(sessionId)));
  if (row === undefined || row.expiresAt <= now.toISOString()) throw new ServiceError('unauthenticated', 'the session has ended; sign in again');
  return { actor: await accountActor(store, row.tenantId, row.userName, 'session'), csrfToken: row.csrfToken, expiresAt: row.expiresAt };
}

/** The actor for a directory user of a tenant, read now (roles changed since the token was made apply at once). */
export async function accountActor(store: RunStore, tenantId: string, userName: string, via: TenantActor['via'], tokenId?: string): Promise<TenantActor> {
  const user = await serviceCall(() => store.getUser(userName));
  const tenant = user === undefined ? undefined : await serviceCall(() => recordsOf(store).accounts.tenantOf(userName));
  if (user === undefined || tenant !== tenantId) throw new ServiceError('unauthenticated', BAD_TOKEN);
  return {
    name: user.name, roles: [...user.roles], ...(user.level === undefined ? {} : { level: user.level }), admin: user.admin,
    tenantId, email: user.name, accountRoles: accountRolesOf(user.roles), via, ...(tokenId === undefined ? {} : { tokenId }),
  };
}
