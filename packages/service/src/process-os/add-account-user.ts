import { serviceCall } from '../as-service-error.js';
import { ServiceError } from '../service-error.js';
import { createId } from './create-id.js';
import { hashPassword } from './password-hash.js';
import { accountRolesOf, recordsOf, requireAdministrator, type ProcessContext } from './tenant-actor.js';
import { findTenant } from './create-tenant.js';
import { checkUserInput } from '../users/check-user-input.js';

export interface AddAccountUserInput {
  /** Tenant id or slug. */
  tenant: string;
  email: string;
  /** Account roles (owner, admin, editor, operator, viewer) and step roles, side by side. */
  roles: readonly string[];
  level?: string;
  /** Stored only as a scrypt hash; without one the user signs in with API tokens only. */
  password?: string;
  /** The OS account that acts as this user on the machine (`sopflow mcp`); unique across the directory. */
  osUser?: string;
}

export interface AccountUserView { email: string; tenant: string; roles: string[]; account_roles: string[]; level: string | null; password: boolean }

const EMAIL = /^[a-z0-9][a-z0-9._-]*@[a-z0-9][a-z0-9.-]*$/;

/**
 * Adds a user to a tenant: a directory user named by their email (so the engine's step-role check
 * works unchanged) with the tenant, email and password hash. Needs at least one account role;
 * an email already in use anywhere is a conflict. Local operator, or an admin of that tenant.
 */
export async function addAccountUser(ctx: ProcessContext, input: AddAccountUserInput): Promise<AccountUserView> {
  const tenant = await findTenant(ctx, input.tenant);
  const by = requireAdministrator(ctx, tenant.id);
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new ServiceError('invalid_request', `"${input.email}" is not an email address sopflow accepts (letters, digits, . _ - and one @)`, { field: 'email' });
  const accountRoles = accountRolesOf(input.roles);
  if (accountRoles.length === 0) throw new ServiceError('invalid_request', `give ${email} an account role: owner, admin, editor, operator or viewer (step roles may follow)`, { field: 'role' });
  if (input.password !== undefined && input.password.length < 8) throw new ServiceError('invalid_request', 'a password has at least 8 characters', { field: 'password' });
  const records = recordsOf(ctx.store);
  if (await serviceCall(() => ctx.store.getUser(email)) !== undefined) throw new ServiceError('conflict', `a user ${email} already exists`);
  if (input.osUser !== undefined) {
    checkUserInput({ osUser: input.osUser });
    const holder = (await serviceCall(() => ctx.store.listUsers())).find((u) => u.osUser === input.osUser);
    if (holder !== undefined) throw new ServiceError('conflict', `the OS user ${input.osUser} is already mapped to ${holder.name}`);
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const user = await serviceCall(() => ctx.store.putUser({
    name: email, roles: [...new Set(input.roles)], admin: accountRoles.includes('owner') || accountRoles.includes('admin'),
    ...(input.level === undefined ? {} : { level: input.level }), ...(input.osUser === undefined ? {} : { osUser: input.osUser }),
  }));
  await serviceCall(() => records.accounts.setAccount(email, { tenantId: tenant.id, email, passwordHash }));
  const now = new Date();
  await serviceCall(() => records.audit.record({ id: createId('au', now), tenantId: tenant.id, at: now.toISOString(), actor: by, action: 'user.add', target: email, details: { roles: user.roles } }));
  return { email, tenant: tenant.slug, roles: [...user.roles], account_roles: accountRoles, level: user.level ?? null, password: passwordHash !== null };
}
