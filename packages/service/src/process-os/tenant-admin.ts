import type { AdminAuditRow } from '@sopflow/store';
import { serviceCall } from '../as-service-error.js';
import { accountRolesOf, recordsOf, requirePermission, type ProcessContext } from './tenant-actor.js';

/** An account user of the tenant as administration lists them (never a password hash). */
export interface AccountListing { email: string; roles: string[]; accountRoles: string[]; password: boolean; createdAt: string }

/** One broken place in a tenant's admin log: the row's seq (0 for the head) and id when the row is there, the kind of break and what is wrong. */
export interface AdminLogBreak { seq: number; rowId: string | null; problem: string; message: string }

/** The verdict on one tenant's admin log. */
export interface AdminLogVerdict { ok: boolean; rowsChecked: number; breaks: AdminLogBreak[] }

/** A token of the tenant as administration lists it (never the token or its hash). */
export interface TokenListing { id: string; user: string; scope: string; createdAt: string; revokedAt: string | null; lastUsedAt: string | null }

/** The tenant's account users, by email; needs the admin permission. */
export async function listAccountUsers(ctx: ProcessContext): Promise<AccountListing[]> {
  const actor = requirePermission(ctx, 'admin');
  const rows = await serviceCall(() => recordsOf(ctx.store).accounts.listAccounts(actor.tenantId));
  return rows.map((r) => ({ email: r.email, roles: r.roles, accountRoles: accountRolesOf(r.roles), password: r.hasPassword, createdAt: r.createdAt }));
}

/** The tenant's API tokens, oldest first, with last use and revocation; needs the admin permission. */
export async function listTenantTokens(ctx: ProcessContext): Promise<TokenListing[]> {
  const actor = requirePermission(ctx, 'admin');
  const rows = await serviceCall(() => recordsOf(ctx.store).accounts.listTokens(actor.tenantId));
  return rows.map((r) => ({ id: r.id, user: r.userName, scope: r.scope, createdAt: r.createdAt, revokedAt: r.revokedAt, lastUsedAt: r.lastUsedAt }));
}

/** The tenant's audit log of administrative actions (publishing, archiving, tokens, users, claims…), oldest first; needs the admin permission. */
export async function listAuditLog(ctx: ProcessContext, filter: { action?: string } = {}): Promise<AdminAuditRow[]> {
  const actor = requirePermission(ctx, 'admin');
  const records = recordsOf(ctx.store);
  return serviceCall(() => (filter.action === undefined ? records.audit.list(actor.tenantId) : records.audit.find(actor.tenantId, filter.action)));
}

/**
 * Checks the caller's tenant's admin log with the store's verifier (links, order, head, with the key the HMACs and
 * head MAC) and its head against the signed checkpoints, so a rolled-back copy of the log fails; reads no other
 * tenant's rows; needs the admin permission.
 */
export async function verifyTenantAdminLog(ctx: ProcessContext): Promise<AdminLogVerdict> {
  const actor = requirePermission(ctx, 'admin');
  const report = await serviceCall(() => recordsOf(ctx.store).audit.verify(actor.tenantId));
  return {
    ok: report.ok, rowsChecked: report.rowsChecked,
    breaks: report.breaks.map((b) => ({ seq: b.seq, rowId: b.rowId ?? null, problem: b.problem, message: b.message })),
  };
}
