import type { Engine, RunStore } from '@sopflow/engine';
import type { ProcessRecords } from '@sopflow/store';
import { ServiceError } from '../service-error.js';
import type { Actor } from '../service-context.js';

/** The five account roles; every other name in a user's `roles` is a step role (who may complete a step's task). */
export const ACCOUNT_ROLES = ['owner', 'admin', 'editor', 'operator', 'viewer'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** What an API token may do; a cookie session acts with the user's full account roles. */
export const TOKEN_SCOPES = ['read', 'run', 'admin'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export type Permission = 'sops.read' | 'sops.write' | 'sops.publish' | 'runs.start' | 'tasks.complete' | 'routines.write' | 'admin';

/** The role matrix (documented in apps/server/README.md): what each account role may do. */
export const ROLE_PERMISSIONS: Readonly<Record<AccountRole, readonly Permission[]>> = {
  owner: ['sops.read', 'sops.write', 'sops.publish', 'runs.start', 'tasks.complete', 'routines.write', 'admin'],
  admin: ['sops.read', 'sops.write', 'sops.publish', 'runs.start', 'tasks.complete', 'routines.write', 'admin'],
  editor: ['sops.read', 'sops.write', 'sops.publish', 'runs.start', 'tasks.complete', 'routines.write'],
  operator: ['sops.read', 'runs.start', 'tasks.complete'],
  viewer: ['sops.read'],
};

/** What each token scope allows at most (intersected with the user's roles). */
export const SCOPE_PERMISSIONS: Readonly<Record<TokenScope, readonly Permission[]>> = {
  read: ['sops.read'],
  run: ['sops.read', 'runs.start', 'tasks.complete'],
  admin: ['sops.read', 'sops.write', 'sops.publish', 'runs.start', 'tasks.complete', 'routines.write', 'admin'],
};

/** A user of a tenant as the server authenticated them (token or session). */
export interface TenantActor extends Actor {
  tenantId: string;
  email: string;
  accountRoles: AccountRole[];
  /** The token's scope, or 'session' for a cookie session (the account roles alone decide). */
  via: TokenScope | 'session';
  tokenId?: string;
}

/** The context of a Process OS action: the store (with its Process OS records), the engine when it runs things, and who acts. */
export interface ProcessContext {
  store: RunStore;
  engine?: Engine;
  /** A tenant's user (server). */
  actor?: TenantActor;
  /** The machine's operator, named (the CLI's administration commands: whoever may write the database file). */
  localAdmin?: string;
}

/** True when the account roles (and the token's scope) allow the permission. */
export function can(actor: TenantActor, permission: Permission): boolean {
  const byRole = actor.accountRoles.some((role) => ROLE_PERMISSIONS[role].includes(permission));
  return byRole && (actor.via === 'session' || SCOPE_PERMISSIONS[actor.via].includes(permission));
}

/** The acting tenant user, refused with not_authorised (403) when their roles or token scope lack the permission. */
export function requirePermission(ctx: ProcessContext, permission: Permission): TenantActor {
  const actor = ctx.actor;
  if (actor === undefined) throw new ServiceError('unauthenticated', 'sign in or give an API token');
  if (!can(actor, permission)) {
    throw new ServiceError('not_authorised', `${actor.email} may not ${permission} (roles ${actor.accountRoles.join(', ') || 'none'}; ${actor.via === 'session' ? 'session' : `token scope ${actor.via}`})`, { permission });
  }
  return actor;
}

/** Who administers: a tenant user with the admin permission in that tenant, or the local operator; returns the name to record. */
export function requireAdministrator(ctx: ProcessContext, tenantId: string | undefined): string {
  if (ctx.actor === undefined) {
    if (ctx.localAdmin !== undefined) return ctx.localAdmin;
    throw new ServiceError('unauthenticated', 'administration needs an admin of the tenant or the local operator');
  }
  const actor = requirePermission(ctx, 'admin');
  if (tenantId === undefined || actor.tenantId !== tenantId) throw new ServiceError('not_found', 'no such tenant');
  return actor.email;
}

/** The store's Process OS records; a store without them (the memory store) is invalid_request. */
export function recordsOf(store: RunStore): ProcessRecords {
  const records = (store as { processRecords?: ProcessRecords }).processRecords;
  if (records === undefined) throw new ServiceError('invalid_request', 'this store keeps no Process OS records (use a SQLite or PostgreSQL store)');
  return records;
}

/** Pure; the account roles among a user's roles. */
export function accountRolesOf(roles: readonly string[]): AccountRole[] {
  return ACCOUNT_ROLES.filter((role) => roles.includes(role));
}
